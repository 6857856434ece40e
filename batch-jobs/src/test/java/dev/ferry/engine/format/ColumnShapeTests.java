package dev.ferry.engine.format;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnShapeTests {

	@Test
	void eachTypeTravelsItsWay() {
		assertThat(ColumnShape.of("a", "bigint", "bigint(20) unsigned", null).encoding())
			.isEqualTo(ColumnShape.Encoding.NUMBER);
		assertThat(ColumnShape.of("a", "DECIMAL", "decimal(65,30)", null).encoding())
			.isEqualTo(ColumnShape.Encoding.NUMBER);
		assertThat(ColumnShape.of("a", "year", "year(4)", null).encoding()).isEqualTo(ColumnShape.Encoding.NUMBER);
		assertThat(ColumnShape.of("a", "timestamp", "timestamp(3)", null).encoding())
			.isEqualTo(ColumnShape.Encoding.TEMPORAL);
		assertThat(ColumnShape.of("a", "varchar", "varchar(10)", "utf8mb4").encoding())
			.isEqualTo(ColumnShape.Encoding.TEXT);
		assertThat(ColumnShape.of("a", "longtext", "longtext", "utf8mb4").encoding())
			.isEqualTo(ColumnShape.Encoding.TEXT);
		assertThat(ColumnShape.of("a", "char", "char(3)", "utf8mb3").encoding()).isEqualTo(ColumnShape.Encoding.TEXT);
		assertThat(ColumnShape.of("a", "varchar", "varchar(10)", "latin1").encoding())
			.isEqualTo(ColumnShape.Encoding.FOREIGN_TEXT);
		assertThat(ColumnShape.of("a", "blob", "blob", null).encoding()).isEqualTo(ColumnShape.Encoding.BINARY);
		assertThat(ColumnShape.of("a", "bit", "bit(64)", null).encoding()).isEqualTo(ColumnShape.Encoding.BINARY);
		assertThat(ColumnShape.of("a", "point", "point", null).encoding()).isEqualTo(ColumnShape.Encoding.BINARY);
		assertThat(ColumnShape.of("a", "enum", "enum('a','b')", "utf8mb4").encoding())
			.isEqualTo(ColumnShape.Encoding.TEXT);
		assertThat(ColumnShape.of("a", "enum", "enum('a','','b')", "utf8mb4").encoding())
			.isEqualTo(ColumnShape.Encoding.INDEX);
		assertThat(ColumnShape.of("a", "set", "set('x','y')", "latin1").encoding())
			.isEqualTo(ColumnShape.Encoding.FOREIGN_TEXT);
	}

	@Test
	void selectExpressionsReadValuesExact() {
		assertThat(ColumnShape.of("f`", "float", "float", null).selectExpression()).isEqualTo("CAST(`f``` AS DOUBLE)");
		assertThat(ColumnShape.of("d", "double", "double", null).selectExpression()).isEqualTo("`d`");
		assertThat(ColumnShape.of("t", "datetime", "datetime(6)", null).selectExpression())
			.isEqualTo("CAST(`t` AS CHAR)");
		assertThat(ColumnShape.of("l", "text", "text", "latin1").selectExpression()).isEqualTo("CAST(`l` AS BINARY)");
		assertThat(ColumnShape.of("e", "enum", "enum('','a')", "utf8mb4").selectExpression()).isEqualTo("`e`+0");
		assertThat(ColumnShape.of("b", "varbinary", "varbinary(3)", null).selectExpression()).isEqualTo("`b`");
	}

	@Test
	void membersAreReadLikeTheServerWritesThem() {
		assertThat(ColumnShape.members("enum('it''s','back\\\\slash','a,b','','x)y')"))
			.containsExactly("it's", "back\\slash", "a,b", "", "x)y");
		assertThat(ColumnShape.hasEmptyMember("enum('a','''','b')")).isFalse();
		assertThat(ColumnShape.hasEmptyMember("set('',x)")).isTrue();
		assertThat(ColumnShape.hasEmptyMember("enum('a')")).isFalse();
		assertThat(ColumnShape.members("int(11)")).isEmpty();
	}

	@Test
	void aTableWithoutDataColumnsIsRefused() {
		assertThatThrownBy(() -> new TableShape("d", "t", List.of())).hasMessage("table `d`.`t` has no column that "
				+ "holds data");
	}

	@Test
	void theLoadDataStatementReadsIndexesIntoVariables() {
		TableShape shape = new TableShape("my db", "t`1", List.of(ColumnShape.of("id", "int", "int(11)", null),
				ColumnShape.of("e", "enum", "enum('','a')", "utf8mb4"), ColumnShape.of("b", "blob", "blob", null)));

		assertThat(shape.loadDataStatement("chunk 'one'.csv")).isEqualTo("LOAD DATA LOCAL INFILE 'chunk ''one''.csv' "
				+ "INTO TABLE `my db`.`t``1` CHARACTER SET binary FIELDS TERMINATED BY ',' ENCLOSED BY '\"' "
				+ "ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' IGNORE 1 LINES (`id`,@ferry_2,`b`) "
				+ "SET `e` = CAST(@ferry_2 AS UNSIGNED)");
		assertThat(shape.columnList()).isEqualTo("`id`,`e`,`b`");
		assertThat(shape.selectList()).isEqualTo("`id`,`e`+0,`b`");
	}

}
