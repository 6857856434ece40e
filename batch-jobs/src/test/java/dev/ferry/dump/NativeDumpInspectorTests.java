package dev.ferry.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ferry.engine.format.Compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The dump inspector on the native engine's files ({@code dev.ferry.engine.format}): the forms it writes pass, and
 * every way to abuse them is refused, naming the file and the statement.
 */
class NativeDumpInspectorTests {

	/** A trigger whose body has a line ending with {@code ;}, as the engine carries it. */
	private static final String TRIGGER = "CREATE DEFINER=`root`@`127.0.0.1` TRIGGER tr BEFORE INSERT ON t FOR EACH ROW\n"
			+ "BEGIN\n  SET NEW.note = CONCAT(NEW.note, ';\n');\n  SET NEW.total = 0;\nEND";

	@TempDir
	Path dir;

	@Test
	void theEnginesFilesPass() throws IOException {
		write("db-schema-create.sql", "/*!40101 SET NAMES utf8mb4*/;\nCREATE DATABASE `db` /*!40100 DEFAULT CHARACTER"
				+ " SET latin1 COLLATE latin1_swedish_ci */;\n");
		write("db.t-schema.sql", """
				/*!40101 SET NAMES utf8mb4*/;
				/*!40014 SET FOREIGN_KEY_CHECKS=0*/;
				/*!40103 SET TIME_ZONE='+00:00' */;
				/*!40101 SET SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
				CREATE TABLE `t` (`id` int, `note` varchar(40), `total` int, `l` varchar(9) CHARACTER SET latin1) ENGINE=InnoDB;
				""");
		write("db.t.00000.sql", """
				/*!40101 SET NAMES utf8mb4*/;
				/*!40014 SET FOREIGN_KEY_CHECKS=0*/;
				/*!40103 SET TIME_ZONE='+00:00' */;
				/*!40101 SET SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
				INSERT INTO `t` (`id`,`note`,`total`,`l`) VALUES
				(1,'it\\'s;\\n',0x0A0D005C27221A00,_latin1 0xE920FF2080),
				(2,NULL,-5e-324,_sjis 0x835C955C945C);
				""");
		write("db.t-schema-triggers.sql", "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO';\n"
				+ "SET @ferry_ddl = " + binary(TRIGGER) + ";\n" + """
						SET character_set_client = utf8mb4;
						SET collation_connection = utf8mb4_general_ci;
						SET SESSION sql_mode = 'PIPES_AS_CONCAT,ANSI_QUOTES,NO_BACKSLASH_ESCAPES,STRICT_ALL_TABLES';
						EXECUTE IMMEDIATE @ferry_ddl;
						SET character_set_client = utf8mb4;
						SET collation_connection = utf8mb4_general_ci;
						SET SESSION sql_mode = 'ANSI_QUOTES,NO_BACKSLASH_ESCAPES';
						CREATE DEFINER="root"@"127.0.0.1" TRIGGER "tr2" BEFORE INSERT ON "t" FOR EACH ROW SET NEW.note = 'a\\';
						SET SESSION sql_mode = '';
						""");
		write("db-schema-post.sql", "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO';\nSET @ferry_ddl = "
				+ hex("CREATE DEFINER=`root`@`127.0.0.1` PROCEDURE `p_latin1`()\nSELECT 'caf\u00e9' AS menu", true)
				+ ";\n" + """
						SET character_set_client = latin1;
						SET collation_connection = latin1_swedish_ci;
						SET SESSION sql_mode = '';
						EXECUTE IMMEDIATE @ferry_ddl;
						SET character_set_client = cp1251;
						SET collation_connection = cp1251_general_ci;
						SET SESSION time_zone = '+02:00';
						SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_AUTO_CREATE_USER';
						CREATE DEFINER=`root`@`127.0.0.1` EVENT `ev` ON SCHEDULE AT '2031-06-01 12:00:00' DO INSERT INTO t VALUES (1);
						""");
		write("db.v-schema.sql", "/*!40101 SET NAMES utf8mb4*/;\nCREATE TABLE `v`(\n`id` int\n)ENGINE=MyISAM;\n");
		write("db.v-schema-view.sql", "/*!40101 SET NAMES utf8mb4*/;\nDROP TABLE IF EXISTS `v`;\nDROP VIEW IF EXISTS `v`;\n"
				+ "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO';\nSET @ferry_ddl = "
				+ binary("CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`127.0.0.1` SQL SECURITY DEFINER VIEW `v` AS "
						+ "select concat(`t`.`note`,';\n') AS `id` from `t`")
				+ ";\nSET character_set_client = utf8mb4;\nSET collation_connection = utf8mb4_general_ci;\n"
				+ "SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO';\nEXECUTE IMMEDIATE @ferry_ddl;\n");
		write("db.s-schema-sequence.sql", """
				/*!40101 SET NAMES utf8mb4*/;
				/*!40103 SET TIME_ZONE='+00:00' */;
				/*!40101 SET SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
				CREATE SEQUENCE `s` start with -1 minvalue -10 maxvalue 10 increment by -1 nocache cycle ENGINE=InnoDB;
				DO SETVAL(`s`, -5, 0, 1);
				""");
		write("empty-schema-create.sql", "CREATE DATABASE `empty`;\n");
		write("empty.-schema.sql-schema-trigger.sql", "-- The database has no table or view: this file makes myloader"
				+ " 0.10 create it (from {db}-schema-create.sql).\n/*!40101 SET NAMES utf8mb4*/;\n");
		write("metadata", "Started dump at: 2026-01-01 00:00:00\n");

		DumpContents contents = DumpInspector.inspectDirectory(this.dir);

		assertThat(contents.tables()).containsExactlyInAnyOrder("db.t", "db.v", "db.s");
		assertThat(contents.databases()).containsExactlyInAnyOrder("db", "empty");
		assertThat(contents.sqlFiles()).isEqualTo(10);
	}

	@Test
	void escapedNamesAreReadAsTheRealNames() throws IOException {
		write("a%2Edot%2Fted db-schema-create.sql", "CREATE DATABASE `a.dot/ted db`;\n");
		write("a%2Edot%2Fted db.in.dotted-schema.sql", "CREATE TABLE `in.dotted` (id int);\n");
		write("a%2Edot%2Fted db.in.dotted.00000.sql", "INSERT INTO `in.dotted` VALUES (1);\n");
		write("names.t%2E00001-schema.sql", "CREATE TABLE `t.00001` (id int);\n");
		write("names.x%2Dschema.00000.sql.zst", compressed(Compression.ZSTD, "INSERT INTO `x-schema` VALUES (1);\n"));
		write("names.sl%2Fash.00000.csv.gz", compressed(Compression.GZIP, "\"id\"\n1\n"));
		write("a%2Edot%2Fted db.-schema.sql-schema-trigger.sql", "/*!40101 SET NAMES utf8mb4*/;\n");

		DumpContents contents = DumpInspector.inspectDirectory(this.dir);

		assertThat(contents.tables()).containsExactlyInAnyOrder("a.dot/ted db.in.dotted", "names.t.00001",
				"names.x-schema", "names.sl/ash");
		assertThat(contents.databases()).containsExactly("a.dot/ted db");
	}

	@Test
	void compressedSqlIsReadUncompressed() throws IOException {
		for (Compression compression : new Compression[] { Compression.GZIP, Compression.ZSTD }) {
			String name = "db.t.00000.sql" + compression.suffix();
			refused(name, compressed(compression, "INSERT INTO `t` VALUES (1);\nDELETE FROM other.t;\n"),
					name + ", statement 2 (line 2) \"DELETE FROM other . t\": a data file may only INSERT");
		}
		refused("db.t.00000.sql.zst", compressed(Compression.GZIP, "INSERT INTO `t` VALUES (1);\n"),
				"db.t.00000.sql.zst: the stream is gzip-compressed, not zstd-compressed");
		byte[] cut = compressed(Compression.GZIP, "INSERT INTO `t` VALUES (1);\n".repeat(1000));
		refused("db.t.00000.sql.gz", java.util.Arrays.copyOf(cut, cut.length / 2), "db.t.00000.sql.gz: not a whole gzip stream");
	}

	@Test
	void aCarriedStatementOutsideTheFilesRoleIsRefused() throws IOException {
		refused("db-schema-post.sql", "SET @ferry_ddl='DROP DATABASE mysql';\nEXECUTE IMMEDIATE @ferry_ddl;\n",
				"db-schema-post.sql, statement 1 (line 1) \"SET @ferry_ddl = '…'\": @ferry_ddl may only be set alone to"
						+ " one _binary'…' string or X'…' literal");
		refused("db-schema-post.sql", pair(binary("DROP DATABASE mysql")),
				"db-schema-post.sql, statement 2 (line 2) \"EXECUTE IMMEDIATE @ferry_ddl\": the statement in @ferry_ddl"
						+ " (set at statement 1, line 1) \"DROP DATABASE mysql\": only a CREATE statement");
		refused("db.t-schema-triggers.sql", pair(binary(TRIGGER.replace("TRIGGER tr", "TRIGGER other.tr"))),
				"\"EXECUTE IMMEDIATE @ferry_ddl\": the statement in @ferry_ddl (set at statement 1, line 1) \"CREATE"
						+ " DEFINER = `root` @ `127.0.0.1` TRIGGER other . tr",
				"may only create triggers in its own database");
		refused("db.t-schema-triggers.sql", pair(hex(TRIGGER.replace(" ON t ", " ON other.t "), false)),
				"may only create triggers on its own table db.t");
		refused("db.t-schema-triggers.sql", pair(binary(TRIGGER.replace("TRIGGER tr", "PROCEDURE p()"))),
				"may only create or drop triggers on db.t");
		refused("db.t-schema-triggers.sql", pair(binary("CREATE TRIGGER a BEFORE INSERT ON t FOR EACH ROW SET @a = 1;"
				+ " CREATE TRIGGER b BEFORE INSERT ON t FOR EACH ROW SET @b = 1")),
				"holds 2 statements, not one");
		refused("db.t-schema-triggers.sql", pair(binary("CREATE TRIGGER a BEFORE INSERT ON t FOR EACH ROW SET @a = 1;"
				+ " DROP TABLE t")), "\"DROP TABLE t\": only a CREATE statement");
		refused("db.t-schema-triggers.sql", pair(binary("CREATE TRIGGER a BEFORE INSERT ON t FOR EACH ROW SET @a = 1;"
				+ " EXECUTE IMMEDIATE 'DROP DATABASE x'")), "\"EXECUTE IMMEDIATE '…'\": only a CREATE statement");
		refused("db.v-schema-view.sql", pair(binary("CREATE VIEW `other`.`v` AS SELECT 1")), "own view db.v");
	}

	@Test
	void theStatementIsReadAsTheServerReadsItAtTheExecute() throws IOException {
		// under NO_BACKSLASH_ESCAPES the string ends at \' and a second statement follows
		String sneaky = "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 'x\\'; DROP TABLE other.t; -- '";
		refused("db.t-schema-triggers.sql", "SET @ferry_ddl = " + binary(sneaky) + ";\n"
				+ "SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES';\nEXECUTE IMMEDIATE @ferry_ddl;\nSET sql_mode = '';\n",
				"\"DROP TABLE other . t\": only a CREATE statement");
		write("db.t-schema-triggers.sql", "SET @ferry_ddl = " + binary(sneaky) + ";\nEXECUTE IMMEDIATE @ferry_ddl;\n");
		assertThat(DumpInspector.inspectDirectory(this.dir).statements()).isEqualTo(2);
		// under ANSI_QUOTES "other" is a database
		refused("db.t-schema-triggers.sql", "SET @ferry_ddl = "
				+ binary("CREATE TRIGGER \"other\".\"tr\" BEFORE INSERT ON t FOR EACH ROW SET @a = 1") + ";\n"
				+ "SET SESSION sql_mode = 'ANSI_QUOTES';\nEXECUTE IMMEDIATE @ferry_ddl;\nSET sql_mode = '';\n",
				"own database");
	}

	@Test
	void onlyThePairIsAccepted() throws IOException {
		String set = "SET @ferry_ddl = " + binary(TRIGGER) + ";\n";
		refused("db.t-schema-triggers.sql", "EXECUTE IMMEDIATE 'CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET @a=1';",
				"statement 1 (line 1) \"EXECUTE IMMEDIATE '…'\": EXECUTE, PREPARE and DEALLOCATE are refused");
		refused("db.t-schema-triggers.sql", "SET @other = 'CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET @a=1';\n"
				+ "EXECUTE IMMEDIATE @other;\n",
				"statement 2 (line 2) \"EXECUTE IMMEDIATE @other\": EXECUTE, PREPARE and DEALLOCATE are refused");
		refused("db.t-schema-triggers.sql", set + "PREPARE s FROM @ferry_ddl;\nEXECUTE s;\n",
				"statement 2 (line 2) \"PREPARE s FROM @ferry_ddl\": EXECUTE, PREPARE and DEALLOCATE are refused");
		refused("db.t-schema-triggers.sql", "EXECUTE IMMEDIATE @ferry_ddl;\n",
				"only accepted after SET @ferry_ddl = … in the same file");
		refused("db.t-schema-triggers.sql", set + "SET @ferry_ddl = _binary'DROP DATABASE x';\nEXECUTE IMMEDIATE @ferry_ddl;\n",
				"statement 2 (line 2)", "@ferry_ddl is set again before the EXECUTE IMMEDIATE of its value set at"
						+ " statement 1, line 1");
		refused("db.t-schema-triggers.sql", set + "SET @x = 1, @ferry_ddl = _binary'DROP DATABASE x';\n",
				"SET @ferry_ddl is only accepted alone");
		refused("db.t-schema-triggers.sql", set + "SET @x = 1;\nEXECUTE IMMEDIATE @ferry_ddl;\n",
				"only SETs of session variables may come between SET @ferry_ddl (at statement 1, line 1)");
		refused("db.t-schema-triggers.sql", set + "DROP TRIGGER tr;\nEXECUTE IMMEDIATE @ferry_ddl;\n",
				"statement 2 (line 2) \"DROP TRIGGER tr\": only SETs of session variables may come between");
		refused("db.t-schema-triggers.sql", set, "db.t-schema-triggers.sql: the file ends after SET @ferry_ddl (at"
				+ " statement 1, line 1) without EXECUTE IMMEDIATE @ferry_ddl");
		refused("db.t-schema-triggers.sql", set + "EXECUTE IMMEDIATE @ferry_ddl USING 1;\n", "EXECUTE, PREPARE");
		refused("db.t-schema-triggers.sql", "/*!99999 " + set.replace(";\n", "*/;\n") + "EXECUTE IMMEDIATE @ferry_ddl;\n",
				"may not be in a /*!…*/ comment that a server may skip");
		refused("db.t-schema-triggers.sql", set + "/*M!100000 EXECUTE IMMEDIATE @ferry_ddl*/;\n",
				"may not be in a /*!…*/ comment");
		refused("db.t-schema-triggers.sql", "SET @ferry_ddl = X '41';\nEXECUTE IMMEDIATE @ferry_ddl;\n",
				"may only be set alone to one _binary'…' string or X'…' literal");
		refused("db.t-schema-triggers.sql", "SET @ferry_ddl = X'414';\nEXECUTE IMMEDIATE @ferry_ddl;\n",
				"may only be set alone");
		refused("db.t-schema-triggers.sql", "SET @ferry_ddl = _latin1'x';\nEXECUTE IMMEDIATE @ferry_ddl;\n",
				"may only be set alone");
		refused("db.t-schema-triggers.sql", "SET @ferry_ddl = _binary'x' 'y';\nEXECUTE IMMEDIATE @ferry_ddl;\n",
				"may only be set alone");
		refused("db.t-schema-triggers.sql", "SET @ferry_ddl = _binary'" + "x".repeat(DdlCarrier.MAX_BYTES + 1)
				+ "';\nEXECUTE IMMEDIATE @ferry_ddl;\n", "at most 1048576 bytes");
	}

	@Test
	void theVariableBelongsToObjectFilesOnly() throws IOException {
		for (String name : new String[] { "db.t.00000.sql", "db.t-schema.sql", "db-schema-create.sql",
				"db.s-schema-sequence.sql", "db.-schema.sql-schema-trigger.sql" }) {
			refused(name, pair(binary(TRIGGER)), name + ", statement 1 (line 1) \"SET @ferry_ddl = _binary '…'\": SET"
					+ " @ferry_ddl is only accepted in the files of views, triggers and routines");
		}
	}

	@Test
	void sequenceFilesOnlyCreateAndPositionTheirSequence() throws IOException {
		refused("db.s-schema-sequence.sql", "DO SETVAL(`other`, 5);", "\"DO SETVAL ( `other` , 5 )\": DO is only"
				+ " accepted as DO SETVAL(db.s, value[, is_used[, round]]) of the file's own sequence");
		refused("db.s-schema-sequence.sql", "DO SETVAL(db2.s, 5);", "DO is only accepted as DO SETVAL");
		refused("db.s-schema-sequence.sql", "DO SETVAL(s, 5), SLEEP(1);", "DO is only accepted as DO SETVAL");
		refused("db.s-schema-sequence.sql", "DO SETVAL(s, (SELECT 1));", "DO is only accepted as DO SETVAL");
		refused("db.s-schema-sequence.sql", "DO SLEEP(1);", "\"DO SLEEP ( 1 )\": DO is only accepted");
		refused("db.s-schema-sequence.sql", "GRANT ALL ON *.* TO x;",
				"may only create its own sequence db.s and DO SETVAL of it");
		refused("db.s-schema-sequence.sql", "CREATE SEQUENCE other.s;", "may only create its own sequence db.s");
		refused("db.s-schema-sequence.sql", "CREATE SEQUENCE s ENGINE=CONNECT;", "storage engine CONNECT");
		refused("db.s-schema-sequence.sql", "CREATE TABLE s (id int);", "may only create its own sequence");
		refused("mysql.s-schema-sequence.sql", "CREATE SEQUENCE s;", "system schema 'mysql'");
	}

	@Test
	void aPlaceholderOnlySetsTheSession() throws IOException {
		refused("db.-schema.sql-schema-trigger.sql", "/*!40101 SET NAMES utf8mb4*/;\nINSERT INTO mysql.user VALUES (1);",
				"statement 2 (line 2) \"INSERT INTO mysql . user VALUES ( 1 )\": a database's placeholder file"
						+ " ({db}.-schema.sql-schema-trigger.sql) may only hold SET statements");
		refused("db.-schema.sql-schema-trigger.sql", "CREATE TABLE t (id int);", "may only hold SET statements");
		refused("mysql.-schema.sql-schema-trigger.sql", "SET NAMES utf8mb4;", "system schema 'mysql'");
	}

	@Test
	void anEscapedNameCannotClaimAnotherDatabase() throws IOException {
		refused("a%2Eb-schema-create.sql", "CREATE DATABASE `a%2Eb`;", "may only create its own database a.b");
		refused("a%2Eb-schema-create.sql", "CREATE DATABASE `a`;", "may only create its own database a.b");
		refused("a%2Eb.t-schema.sql", "CREATE TABLE `a`.`t` (id int);", "may only write its own table a.b.t");
		refused("a%2Eb.t.00000.sql", "INSERT INTO `b`.`t` VALUES (1);", "may only write its own table a.b.t");
		refused("a%2Eb.t-schema-triggers.sql", "CREATE TRIGGER tr BEFORE INSERT ON `a.b`.`u` FOR EACH ROW SET @a=1;",
				"own table a.b.t");
		// not what the engine writes for any name: read as it is, so it names no other database
		refused("%6Dysql-schema-create.sql", "CREATE DATABASE mysql;", "its own database %6Dysql");
		refused("%6Dysql.user.00000.sql", "INSERT INTO mysql.user VALUES (1);", "own table %6Dysql.user");
		refused("a%2eb-schema-create.sql", "CREATE DATABASE `a.b`;", "its own database a%2eb");
	}

	@Test
	void sqlModeIsFollowedAndKeptTight() throws IOException {
		refused("db.t.00000.sql", "SET sql_mode = 'NO_BACKSLASH_ESCAPES';", "only trigger and routine files may set a"
				+ " sql_mode that changes how statements are read (NO_BACKSLASH_ESCAPES)");
		refused("db.t-schema.sql", "/*!40101 SET SQL_MODE='ANSI'*/;", "(ANSI_QUOTES)");
		refused("db.t-schema-triggers.sql", "SET sql_mode = 'ORACLE';", "sql_mode flag 'ORACLE' is refused");
		refused("db.t-schema-triggers.sql", "SET sql_mode = 'MSSQL';", "sql_mode flag 'MSSQL' is refused");
		refused("db.t-schema-triggers.sql", "SET sql_mode = 'ANSI_QUOTES, STRICT_ALL_TABLES';", "flag ' STRICT_ALL_TABLES'");
		refused("db.t-schema-triggers.sql", "SET sql_mode = 4;", "plain string");
		refused("db.t-schema-triggers.sql", "SET sql_mode = CONCAT('ANSI', '_QUOTES');", "plain string");
		refused("db.t-schema-triggers.sql", "SET sql_mode = @m;", "plain string");
		refused("db.t-schema-triggers.sql", "SET @@GLOBAL.sql_mode = '';", "SET");
		refused("db.t-schema-triggers.sql", "/*!99999 SET sql_mode = 'NO_BACKSLASH_ESCAPES'*/;", "may skip");
		refused("db.t-schema-triggers.sql", "SET sql_mode = 'ANSI_QUOTES,NO_AUTO_CREATE_USER';",
				"flags that some servers refuse [NO_AUTO_CREATE_USER]");
		refused("db.t-schema-triggers.sql", "SET sql_mode = 'NO_BACKSLASH_ESCAPES';", "db.t-schema-triggers.sql: the"
				+ " file ends with a sql_mode that changes how statements are read (NO_BACKSLASH_ESCAPES), and myloader"
				+ " runs its next file in the same session");
		// read on under the mode: the string ends at \' and DROP is a statement of its own
		refused("db.t-schema-triggers.sql", "SET sql_mode = 'NO_BACKSLASH_ESCAPES';\nCREATE TRIGGER tr BEFORE INSERT ON"
				+ " t FOR EACH ROW SET NEW.a = 'x\\'; DROP TABLE other.t; SET @b = '\\';\nSET sql_mode = '';\n",
				"statement 3 (line 2) \"DROP TABLE other . t\"");
		write("db.t-schema-triggers.sql", "SET sql_mode = 'ANSI_QUOTES';\nCREATE TRIGGER \"tr\" BEFORE INSERT ON \"t\""
				+ " FOR EACH ROW SET NEW.a = \"b\";\nSET @@session.sql_mode := 'NO_AUTO_VALUE_ON_ZERO';\n");
		assertThat(DumpInspector.inspectDirectory(this.dir).statements()).isEqualTo(3);
	}

	@Test
	void aSetThatMayNotTakeEffectChangesNoReading() throws IOException {
		refused("db.t-schema-triggers.sql", "SET sql_mode = 'NO_BACKSLASH_ESCAPES', time_zone = '+00:00';",
				"must be set alone (a server that refused another value of the same SET would set none)");
		String trigger = "CREATE TRIGGER tr BEFORE INSERT ON `t\u00e4` FOR EACH ROW SET @a = 1;\n";
		clear();
		write("db.t\u00e4-schema-triggers.sql", "SET NAMES utf8mb4;\n" + trigger + "SET NAMES utf8mb4;\n"
				+ "SET NAMES utf8mb3;\n" + trigger);
		assertThat(DumpInspector.inspectDirectory(this.dir).statements()).isEqualTo(5);
		for (String unsure : new String[] { "SET NAMES latin1, time_zone = '+00:00';", "/*!99999 SET NAMES latin1*/;",
				"SET NAMES latin1 COLLATE latin1_bin;" }) {
			refused("db.t\u00e4-schema-triggers.sql", "SET NAMES utf8mb4;\n" + unsure + "\n" + trigger,
					"may only create triggers on its own table db.t\u00e4");
		}
		refused("db.t\u00e4-schema-triggers.sql", "SET NAMES latin1;\nSET NAMES utf8mb3;\n" + trigger, "own table");
		refused("db.t\u00e4-schema-triggers.sql", "SET @p = @@character_set_client, @q = 1;\nSET NAMES latin1;\n"
				+ "SET character_set_client = @p;\n", "statement 3 (line 3) \"SET character_set_client = @p\"");
		refused("db.t\u00e4-schema-triggers.sql", trigger, "own table");
	}

	@Test
	void onlyCharacterSetsReadByteByByteAreAccepted() throws IOException {
		for (String charset : new String[] { "gbk", "big5", "sjis", "cp932", "ucs2", "utf16", "utf32" }) {
			refused("db.t-schema-triggers.sql", "SET character_set_client = " + charset + ";", "SET");
		}
		write("db.t-schema-triggers.sql", "SET character_set_client = koi8r;\nSET collation_connection = ujis_bin;\n"
				+ "SET NAMES cp1250;\nSET NAMES utf8mb4;\n");
		assertThat(DumpInspector.inspectDirectory(this.dir).statements()).isEqualTo(4);
	}

	private static String pair(String literal) {
		return "SET @ferry_ddl = " + literal + ";\nEXECUTE IMMEDIATE @ferry_ddl;\n";
	}

	/** {@code _binary'…'} as the engine writes it (backslash escapes, one line). */
	private static String binary(String statement) {
		return "_binary'" + statement.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
	}

	private static String hex(String statement, boolean latin1) {
		byte[] bytes = statement.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
		return "X'" + HexFormat.of().withUpperCase().formatHex(bytes) + "'";
	}

	private static byte[] compressed(Compression compression, String text) throws IOException {
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		try (OutputStream out = compression.wrap(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

	private void refused(String name, String sql, String... messages) throws IOException {
		refused(name, sql.getBytes(StandardCharsets.UTF_8), messages);
	}

	private void refused(String name, byte[] content, String... messages) throws IOException {
		clear();
		write(name, content);
		var refusal = assertThatThrownBy(() -> DumpInspector.inspectDirectory(this.dir)).as(name)
			.isInstanceOf(DumpRefusedException.class)
			.hasMessageStartingWith("dump refused: " + name);
		for (String message : messages) {
			refusal.hasMessageContaining(message);
		}
	}

	private void clear() throws IOException {
		try (var files = Files.list(this.dir)) {
			for (Path f : files.toList()) {
				Files.delete(f);
			}
		}
	}

	private void write(String name, String content) throws IOException {
		write(name, content.getBytes(StandardCharsets.UTF_8));
	}

	private void write(String name, byte[] content) throws IOException {
		Files.write(this.dir.resolve(name), content);
	}

}
