package dev.ferry.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dump inspector on mydumper 0.10 and dumpling layouts: what it lets through, what it refuses and why. */
class DumpInspectorTests {

	@TempDir
	Path dir;

	/** Files as mydumper 0.10 wrote them (--triggers --events --routines, --rows 1). */
	private void mydumperDump() throws IOException {
		write("shop-schema-create.sql",
				"CREATE DATABASE `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci */;\n");
		write("shop.t-schema.sql", """
				/*!40101 SET NAMES binary*/;
				/*!40014 SET FOREIGN_KEY_CHECKS=0*/;

				/*!40103 SET TIME_ZONE='+00:00' */;
				CREATE TABLE `t` (
				  `id` int(11) NOT NULL,
				  `s` varchar(20) DEFAULT NULL COMMENT 'it''s; -- fine',
				  `g` int AS (`id` + 1) VIRTUAL,
				  CONSTRAINT `c` CHECK (`s` like '%;%'),
				  PRIMARY KEY (`id`)
				) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
				""");
		write("shop.t.00000.sql", """
				/*!40101 SET NAMES binary*/;
				/*!40014 SET FOREIGN_KEY_CHECKS=0*/;
				/*!40103 SET TIME_ZONE='+00:00' */;
				INSERT INTO `t` VALUES
				(1,"a;b",NULL),
				(2,"it\\'s; DELETE FROM x",-1.5e3),
				(3,0x61FF,_binary 'x');
				""");
		write("shop.t.00001.sql", "INSERT INTO `t` VALUES\n(4,\"d\",NULL);\n");
		write("shop.t-schema-triggers.sql", """
				SET @PREV_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT;
				SET character_set_client = utf8mb3;
				SET collation_connection = utf8mb3_general_ci;
				CREATE DEFINER=`root`@`127.0.0.1` TRIGGER shop.tr BEFORE INSERT ON shop.t FOR EACH ROW SET NEW.s=UPPER(NEW.s);
				SET character_set_client = @PREV_CHARACTER_SET_CLIENT;
				""");
		write("shop.v-schema.sql", "/*!40101 SET NAMES binary*/;\nCREATE TABLE `v`(\n`id` int\n)ENGINE=MyISAM;\n");
		write("shop.v-schema-view.sql", """
				/*!40101 SET NAMES binary*/;
				DROP TABLE IF EXISTS `v`;
				DROP VIEW IF EXISTS `v`;
				CREATE ALGORITHM=UNDEFINED DEFINER=`root`@`127.0.0.1` SQL SECURITY DEFINER VIEW `v` AS select `t`.`id` AS `id` from `t`;
				""");
		write("shop-schema-post.sql", """
				DROP PROCEDURE IF EXISTS `p`;
				CREATE DEFINER=`root`@`127.0.0.1` PROCEDURE `p`()
				SELECT 1;
				DROP EVENT IF EXISTS `e`;
				CREATE DEFINER=`root`@`127.0.0.1` EVENT `e` ON SCHEDULE EVERY 1 DAY STARTS '2026-12-07 17:31:24' ON COMPLETION NOT PRESERVE ENABLE DO SELECT 1;
				""");
		write("metadata", "Started dump at: 2026-12-07 17:31:24\nDELETE FROM x;\n");
	}

	@Test
	void aMydumperDumpPassesWithItsExactTables() throws IOException {
		mydumperDump();
		DumpContents contents = DumpInspector.inspectDirectory(this.dir);
		assertThat(contents.tables()).containsExactlyInAnyOrder("shop.t", "shop.v");
		assertThat(contents.sqlFiles()).isEqualTo(8);
		assertThat(contents.statements()).isEqualTo(25);
	}

	@Test
	void dumplingNamesAndCsvPass() throws IOException {
		write("db-schema-create.sql", "CREATE DATABASE `db`;\n");
		write("db.a-schema.sql", "CREATE TABLE `a` (id int);\n");
		write("db.a.0000000010000.sql", "/*!40101 SET NAMES binary*/;\nINSERT INTO `a` VALUES (1),(2);\n");
		write("db.b.000000000.csv", "1,\"DELETE FROM x\"\n");
		write("manifest.json", "{}");
		assertThat(DumpInspector.inspectDirectory(this.dir).tables()).containsExactlyInAnyOrder("db.a", "db.b");
	}

	@Test
	void theIssuesZipIsRefusedNamingFileAndStatement() throws IOException {
		Path zip = this.dir.resolve("x.zip");
		zip(zip, "db.x-schema.sql",
				"CREATE TABLE other_db.pwned AS SELECT CURRENT_USER(); DELETE FROM other_db.t WHERE id=3;");
		assertThatThrownBy(() -> DumpInspector.inspectZip(zip)).isInstanceOf(DumpRefusedException.class)
			.hasMessageContaining("db.x-schema.sql, statement 1 (line 1)")
			.hasMessageContaining("\"CREATE TABLE other_db . pwned AS SELECT CURRENT_USER ( )\"")
			.hasMessageContaining("CREATE TABLE with SELECT is refused");
		Path bare = this.dir.resolve("bare.zip");
		zip(bare, "x-schema.sql", "CREATE TABLE other_db.pwned AS SELECT 1;");
		assertThatThrownBy(() -> DumpInspector.inspectZip(bare)).hasMessageContaining("x-schema.sql: not a file of");
	}

	@Test
	void statementsOutsideTheFilesRoleAreRefused() throws IOException {
		refused("db.t-schema.sql", "CREATE TABLE `t` (id int);\nDELETE FROM other_db.t WHERE id=3;",
				"statement 2 (line 2) \"DELETE FROM other_db . t WHERE id = 3\"");
		refused("db.t-schema.sql", "CREATE TABLE other_db.t (id int);", "may only write its own table db.t");
		refused("db.t-schema.sql", "CREATE TABLE `u` (id int);", "its own table");
		refused("db.t-schema.sql", "CREATE TABLE t LIKE other.t;", "LIKE");
		refused("db.t-schema.sql", "CREATE TABLE IF NOT EXISTS t (LIKE other.t);", "LIKE");
		refused("db.t-schema.sql", "CREATE TABLE t (id int) SELECT * FROM other.t;", "SELECT");
		refused("db.t-schema.sql", "CREATE TABLE t (id int) ENGINE=CONNECT TABLE_TYPE=CSV FILE_NAME='/etc/passwd';",
				"CONNECT");
		refused("db.t-schema.sql", "CREATE TABLE t (id int) DATA DIRECTORY='/tmp';", "DIRECTORY");
		refused("db.t-schema.sql", "DROP TABLE IF EXISTS t, other.u;", "drop its own");
		refused("db.t-schema.sql", "GRANT ALL ON *.* TO x;", "may only create or drop its own table");
		refused("db-schema-create.sql", "CREATE DATABASE `other`;", "its own database db");
		refused("db-schema-create.sql", "DROP DATABASE `db`;", "may only create its database");
		refused("db.t.sql", "INSERT INTO other.t VALUES (1);", "may only write its own table db.t");
		refused("db.t.sql", "INSERT INTO t SELECT * FROM other.t;", "only insert VALUES");
		refused("db.t.sql", "INSERT INTO t VALUES (other.f());", "only literal values");
		refused("db.t.sql", "INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a=(SELECT 1);", "found ON");
		refused("db.t.sql", "UPDATE t SET a=1;", "may only INSERT or REPLACE");
		refused("db.t.sql", "CALL other.p();", "may only INSERT or REPLACE");
		refused("db.t.sql", "LOAD DATA INFILE '/etc/passwd' INTO TABLE t;", "may only INSERT or REPLACE");
		refused("db.t.sql", "USE other;", "may only INSERT");
		refused("db.t-schema-triggers.sql", "CREATE TRIGGER tr BEFORE INSERT ON other.t FOR EACH ROW SET @a=1;",
				"its own table db.t");
		refused("db.t-schema-triggers.sql", "CREATE TRIGGER other.tr BEFORE INSERT ON t FOR EACH ROW SET @a=1;",
				"own database");
		refused("db-schema-post.sql", "CREATE PROCEDURE other.p() SELECT 1;", "own database db");
		refused("db-schema-post.sql", "CREATE FUNCTION f RETURNS STRING SONAME 'evil.so';", "SONAME");
		refused("db-schema-post.sql", "CREATE TABLE t (id int);", "procedures, functions and events");
		refused("db.v-schema-view.sql", "CREATE VIEW other.v AS SELECT 1;", "own view db.v");
	}

	@Test
	void setStatementsAreLimitedToADumpersSessionVariables() throws IOException {
		refused("db.t.sql", "SET GLOBAL event_scheduler=ON;", "SET");
		refused("db.t.sql", "SET PASSWORD = 'x';", "SET");
		refused("db.t.sql", "SET sql_mode='NO_BACKSLASH_ESCAPES';", "SET");
		refused("db.t.sql", "SET NAMES gbk;", "SET");
		refused("db.t.sql", "SET @x = 'gbk'; SET character_set_client = @x;", "statement 2");
		refused("db.t.sql", "SET @x = other.f();", "SET");
		refused("db.t.sql", "SET STATEMENT max_statement_time=1 FOR DELETE FROM other.t;", "SET");
		refused("db.t.sql", "SET ROLE admin;", "SET");
		write("db.t.sql", "SET @a = 1, @@session.unique_checks = 0, SESSION time_zone = '+00:00';"
				+ "SET NAMES utf8mb4 COLLATE utf8mb4_bin; INSERT INTO t VALUES (1);");
		assertThat(DumpInspector.inspectDirectory(this.dir).statements()).isEqualTo(3);
	}

	/**
	 * The native engine writes each object's own {@code sql_mode} (a trigger's, a view's; its data files'
	 * {@code NO_AUTO_VALUE_ON_ZERO}): modes that leave strings and identifiers tokenized as the inspector reads them
	 * are allowed, as a string of plain mode names; a mode that changes quoting is refused.
	 */
	@Test
	void sqlModeIsAllowedWhenItLeavesQuotingAlone() throws IOException {
		write("db.t-schema.sql", "/*!40101 SET SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;\nCREATE TABLE `t` (id int);\n");
		write("db.t-schema-triggers.sql", "SET SESSION sql_mode = 'IGNORE_SPACE,STRICT_TRANS_TABLES,"
				+ "ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION';\n"
				+ "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.id = 1;\n");
		write("db.t.00000.sql", "/*!40101 SET SQL_MODE='' */;\nSET @@session.sql_mode = 'traditional';\n"
				+ "INSERT INTO `t` VALUES (0);\n");
		assertThat(DumpInspector.inspectDirectory(this.dir).statements()).isEqualTo(7);

		for (String mode : new String[] { "NO_BACKSLASH_ESCAPES", "ANSI_QUOTES", "ANSI", "STRICT_ALL_TABLES,ORACLE",
				"POSTGRESQL", "MSSQL", "DB2", "MAXDB", "NO_SUCH_MODE" }) {
			refused("db.t.sql", "SET sql_mode = '" + mode + "';", "SET");
		}
		refused("db.t.sql", "SET sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES');", "SET");
		refused("db.t.sql", "SET sql_mode = @mode;", "SET");
		refused("db.t.sql", "SET GLOBAL sql_mode = '';", "SET");
	}

	/** gzip and zstd SQL files (mydumper -c, dumpling -c, the native engine) are read through their decompressor. */
	@Test
	void compressedSqlFilesAreReadDecompressed() throws IOException {
		write("db-schema-create.sql", "CREATE DATABASE `db`;\n");
		write("db.t-schema.sql", "CREATE TABLE `t` (id int);\n");
		try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(this.dir.resolve("db.t.00000.sql.gz")))) {
			out.write("INSERT INTO `t` VALUES (1);\n".getBytes(StandardCharsets.UTF_8));
		}
		Files.write(this.dir.resolve("db.t.00001.sql.zst"),
				com.github.luben.zstd.Zstd.compress("INSERT INTO `t` VALUES (2);\n".getBytes(StandardCharsets.UTF_8)));
		DumpContents contents = DumpInspector.inspectDirectory(this.dir);
		assertThat(contents.statements()).isEqualTo(4);
		assertThat(contents.tables()).containsExactly("db.t");

		try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(this.dir.resolve("db.t.00002.sql.gz")))) {
			out.write("INSERT INTO other.t VALUES (1);\n".getBytes(StandardCharsets.UTF_8));
		}
		assertThatThrownBy(() -> DumpInspector.inspectDirectory(this.dir)).isInstanceOf(DumpRefusedException.class)
			.hasMessageStartingWith("dump refused: db.t.00002.sql.gz")
			.hasMessageContaining("may only write its own table db.t");
		Files.delete(this.dir.resolve("db.t.00002.sql.gz"));
		Files.writeString(this.dir.resolve("db.t.00003.sql.gz"), "not gzip");
		assertThatThrownBy(() -> DumpInspector.inspectDirectory(this.dir)).isInstanceOf(DumpRefusedException.class)
			.hasMessageStartingWith("dump refused: db.t.00003.sql.gz: the stream is not compressed, not gzip-compressed");
	}

	@Test
	void systemSchemasAreRefusedAsFileDatabases() throws IOException {
		refused("mysql.user.sql", "INSERT INTO `user` VALUES (1);", "system schema 'mysql'");
		refused("SYS-schema-create.sql", "CREATE DATABASE `SYS`;", "system schema");
		refused("db.t.sql", "INSERT INTO mysql.t VALUES (1);", "own table");
	}

	@Test
	void unknownAndWronglyCompressedSqlFilesAreRefused() throws IOException {
		refused("evil.sql", "DELETE FROM x;", "evil.sql: not a file of");
		refused("evil.sql.gz", "DELETE FROM x;", "evil.sql.gz: not a file of");
		refused("db.t.sql.gz", "x", "db.t.sql.gz: the stream is not compressed, not gzip-compressed");
		refused("db.t.sql.bz2", "x", "compressed as .bz2, which the inspector cannot read");
		refused("db.t-schema-trigger.sql", "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET @a=1;",
				"not a file of");
	}

	@Test
	void anUnterminatedStringIsRefused() throws IOException {
		refused("db.t.sql", "INSERT INTO t VALUES ('abc);", "db.t.sql: unterminated string");
	}

	@Test
	void refusalsShowNoStringValues() throws IOException {
		refused("db.t-schema-post.sql".replace("db.t", "db"),
				"CREATE USER x IDENTIFIED BY 'Secret-Password-1';", "'…'");
		assertThatThrownBy(() -> DumpInspector.inspectDirectory(this.dir)).hasMessageNotContaining("Secret");
	}

	@Test
	void databaseNamesWithDotsMatchTheirStatements() throws IOException {
		write("db.dot.t1-schema.sql", "CREATE TABLE `t1` (id int);\n");
		write("db.dot.t1.sql", "INSERT INTO `t1` VALUES (1);\n");
		assertThat(DumpInspector.inspectDirectory(this.dir).tables()).containsExactly("db.dot.t1");
	}

	/**
	 * mydumper and the native engine write names in UTF-8, in the statements and in the file names alike, and say so
	 * with {@code SET NAMES} first (before that, a file runs in whatever character set the previous file left).
	 */
	@Test
	void nonAsciiNamesMatchTheirFileNames() throws IOException {
		write("dü ☃-schema-create.sql", "SET NAMES utf8mb4;\nCREATE DATABASE `dü ☃`;\n");
		write("dü ☃.tä-schema.sql", "SET NAMES utf8mb4;\nCREATE TABLE `tä` (id int);\n");
		write("dü ☃.tä.00000.sql", "SET NAMES utf8mb4;\nINSERT INTO `dü ☃`.`tä` VALUES (1);\n");
		DumpContents contents = DumpInspector.inspectDirectory(this.dir);
		assertThat(contents.databases()).containsExactly("dü ☃");
		assertThat(contents.tables()).containsExactly("dü ☃.tä");
	}

	@Test
	void onlyAFiveDigitSuffixIsAChunkNumber() throws IOException {
		write("db.t.2-schema.sql", "CREATE TABLE `t.2` (id int);\n");
		write("db.t.2.sql", "INSERT INTO `t.2` VALUES (1);\n");
		write("db.t.2.00001.sql", "INSERT INTO `t.2` VALUES (2);\n");
		assertThat(DumpInspector.inspectDirectory(this.dir).tables()).containsExactly("db.t.2");
	}

	private void refused(String name, String sql, String message) throws IOException {
		try (var files = Files.list(this.dir)) {
			for (Path f : files.toList()) {
				Files.delete(f);
			}
		}
		write(name, sql);
		assertThatThrownBy(() -> DumpInspector.inspectDirectory(this.dir)).as(sql)
			.isInstanceOf(DumpRefusedException.class)
			.hasMessageStartingWith("dump refused: " + name)
			.hasMessageContaining(message);
	}

	private void write(String name, String content) throws IOException {
		Files.writeString(this.dir.resolve(name), content, StandardCharsets.UTF_8);
	}

	private static void zip(Path zip, String name, String content) throws IOException {
		try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
			z.putNextEntry(new ZipEntry(name));
			z.write(content.getBytes(StandardCharsets.UTF_8));
			z.closeEntry();
		}
	}

}
