package dev.ferry.transfer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ferry.error.FerryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableFilterTests {

	@Test
	void noFilterSelectsEverything() {
		assertThat(TableFilter.parse(null).matches("shop", "orders")).isTrue();
		assertThat(TableFilter.parse("  ").matches("x", "y")).isTrue();
	}

	@Test
	void severalRulesSeparatedBySemicolonsOrLinesEachCount() {
		TableFilter filter = TableFilter.parse("shop.orders; crm.*\nlogs.access_2026*");

		assertThat(filter.rules()).containsExactly("shop.orders", "crm.*", "logs.access_2026*");
		assertThat(filter.matches("shop", "orders")).isTrue();
		assertThat(filter.matches("shop", "customers")).isFalse();
		assertThat(filter.matches("crm", "anything")).isTrue();
		assertThat(filter.matches("logs", "access_2026_01")).isTrue();
		assertThat(filter.matches("logs", "access_2025_01")).isFalse();
	}

	@Test
	void theLastMatchingRuleDecidesAndExclusionsWork() {
		TableFilter filter = TableFilter.parse("*.*;!*.tmp_*;shop.tmp_keep");

		assertThat(filter.matches("a", "b")).isTrue();
		assertThat(filter.matches("shop", "tmp_x")).isFalse();
		assertThat(filter.matches("shop", "tmp_keep")).isTrue();
	}

	@Test
	void wildcardsAreCaseInsensitiveAndEverythingElseIsLiteral() {
		TableFilter filter = TableFilter.parse("Shop.ord?rs;db[0-9].t;we+ird.(x)");

		assertThat(filter.matches("shop", "ORDERS")).isTrue();
		assertThat(filter.matches("db7", "t")).isTrue();
		assertThat(filter.matches("dbx", "t")).isFalse();
		assertThat(filter.matches("we+ird", "(x)")).isTrue();
		assertThat(filter.matches("weeird", "x")).isFalse();
	}

	@Test
	void anEscapedDotBelongsToTheName() {
		TableFilter filter = TableFilter.parse("my\\.db.t");

		assertThat(filter.matches("my.db", "t")).isTrue();
		assertThat(filter.matches("my", "db.t")).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "shop", ".t", "db.", "!", "db.[a-", "db.t\\", ";;" })
	void badRulesAreRejectedNamingTheRule(String bad) {
		assertThatThrownBy(() -> TableFilter.parse(bad)).isInstanceOf(FerryException.class)
			.hasMessageContaining("filter");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			value = { "[z-a].*|has the range z-a, whose start comes after its end",
					"a.[!]|has an unclosed [ (a ] right after [, [! or [^ is a member of the set, not its end)",
					"a.[^]|has an unclosed [", "a.[[:alpha:]]|uses a class such as [:alpha:], which is not supported",
					"a.[\\]|has an unclosed [", "-x.y|starts with '-', which dumpling would read as an option" })
	void badCharacterSetsAreRefusedNamingTheRuleAndTheProblem(String rule, String problem) {
		assertThatThrownBy(() -> TableFilter.parse("shop.*;" + rule)).isInstanceOf(FerryException.class)
			.hasMessageStartingWith("filter rule '" + rule + "' " + problem);
	}

	@Test
	void setMembersAreLiteralsAndSetsCanExclude() {
		TableFilter filter = TableFilter.parse("db.[]a-c];x.[!0-9]*;y.[^a]?;z.[.^\\]&]x");

		assertThat(filter.matches("db", "]")).isTrue();
		assertThat(filter.matches("db", "b")).isTrue();
		assertThat(filter.matches("db", "d")).isFalse();
		assertThat(filter.matches("x", "t1")).isTrue();
		assertThat(filter.matches("x", "1t")).isFalse();
		assertThat(filter.matches("y", "bc")).isTrue();
		assertThat(filter.matches("y", "ac")).isFalse();
		assertThat(filter.matches("z", "]x")).isTrue();
		assertThat(filter.matches("z", ".x")).isTrue();
		assertThat(filter.matches("z", "^x")).isTrue();
		assertThat(filter.matches("z", "&x")).isTrue();
		assertThat(filter.matches("z", "ax")).isFalse();
		assertThat(filter.matches("z", "\\x")).isFalse();
	}

	@Test
	void regexForPartlySelectedDatabasesQuotesNames() {
		String regex = SourceInventory.regex("sh.op", java.util.List.of("a|b", "c"));

		assertThat(java.util.regex.Pattern.compile(regex).matcher("sh.op.a|b").matches()).isTrue();
		assertThat(java.util.regex.Pattern.compile(regex).matcher("sh.op.c").matches()).isTrue();
		assertThat(java.util.regex.Pattern.compile(regex).matcher("sh.op.a").matches()).isFalse();
		assertThat(java.util.regex.Pattern.compile(regex).matcher("shxop.c").matches()).isFalse();
	}

	@Test
	void aDatabaseIsListedOnlyWhenAnIncludingRuleCouldMatchItAndTakenWholeOnlyByDbStar() {
		TableFilter filter = TableFilter.parse("shop.orders\ncrm.*\n!crm.*");

		assertThat(filter.mayMatchDatabase("shop")).isTrue();
		assertThat(filter.mayMatchDatabase("crm")).isTrue();
		assertThat(filter.mayMatchDatabase("other")).isFalse();
		assertThat(filter.matchesWholeDatabase("shop")).as("only one table of it").isFalse();
		assertThat(filter.matchesWholeDatabase("crm")).as("the last rule excludes it").isFalse();
		assertThat(TableFilter.parse("crm.*").matchesWholeDatabase("crm")).isTrue();
		assertThat(TableFilter.all().matchesWholeDatabase("anything")).isTrue();
	}

}
