package dev.ferry.engine.format;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectStatementTests {

	@Test
	void aStatementMyloaderReadsWholeIsWrittenAsItIs() {
		String written = text(ObjectStatement.write("CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET NEW.a = 1",
				"STRICT_TRANS_TABLES", "utf8mb4", "utf8mb4_general_ci", null));

		assertThat(written).isEqualTo("""
				SET character_set_client = utf8mb4;
				SET collation_connection = utf8mb4_general_ci;
				SET SESSION sql_mode = 'STRICT_TRANS_TABLES';
				CREATE TRIGGER t BEFORE INSERT ON x FOR EACH ROW SET NEW.a = 1;
				""");
	}

	@Test
	void aBodyWithLinesEndingInASemicolonRunsFromOneLine() {
		String body = "CREATE PROCEDURE p()\nBEGIN\n  SELECT 'a\\b';\n  SELECT 2;\nEND";

		String written = text(ObjectStatement.write(body, "NO_BACKSLASH_ESCAPES", "utf8mb3", "utf8mb3_general_ci",
				"+02:00"));

		assertThat(written).isEqualTo("""
				SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO';
				SET @ferry_ddl = _binary'CREATE PROCEDURE p()\\nBEGIN\\n  SELECT \\'a\\\\b\\';\\n  SELECT 2;\\nEND';
				SET character_set_client = utf8mb3;
				SET collation_connection = utf8mb3_general_ci;
				SET SESSION time_zone = '+02:00';
				SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES';
				EXECUTE IMMEDIATE @ferry_ddl;
				""");
		assertThat(ObjectStatement.cutByMyloader(written.getBytes(StandardCharsets.UTF_8))).isTrue();
		assertThat(written.lines().filter((line) -> line.endsWith(";")).count()).isEqualTo(7);
	}

	@Test
	void textInAnotherCharacterSetIsWrittenInHexInThatCharacterSet() {
		String written = text(ObjectStatement.write("CREATE PROCEDURE p() SELECT 'é€'", "", "latin1",
				"latin1_swedish_ci", null));

		assertThat(written).contains("SET @ferry_ddl = X'4352454154452050524F43454455524520702829205345"
				+ "4C4543542027E98027';\nSET character_set_client = latin1;\n")
			.endsWith("EXECUTE IMMEDIATE @ferry_ddl;\n");
		assertThat(text(ObjectStatement.write("CREATE PROCEDURE p() SELECT 1", "", "latin1", "latin1_swedish_ci",
				null))).endsWith("CREATE PROCEDURE p() SELECT 1;\n");
	}

	@Test
	void aCharacterSetJavaCannotWriteFallsBackToUtf8mb4() {
		String written = text(ObjectStatement.write("CREATE VIEW v AS SELECT 'ж'", null, "latin1",
				"latin1_swedish_ci", null));

		assertThat(written).startsWith("SET character_set_client = utf8mb4;\n")
			.contains("SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO';\nCREATE VIEW v AS SELECT 'ж';\n");
	}

	@Test
	void latin1IsMariadbsCp1252WithItsFiveHoles() {
		assertThat(ServerCharsets.encode("é€\u0081\u008d\u008f\u0090\u009dÿ", "latin1"))
			.containsExactly(0xe9, 0x80, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xff);
		assertThat(ServerCharsets.encode("ж", "latin1")).isNull();
		assertThat(ServerCharsets.encode("ソ", "sjis")).containsExactly(0x83, 0x5c);
		assertThat(ServerCharsets.encode("x", "no_such_charset")).isNull();
	}

	@Test
	void escapesKeepEachValueOnOneLine() {
		byte[] all = new byte[256];
		for (int i = 0; i < 256; i++) {
			all[i] = (byte) i;
		}
		ByteOutput out = new ByteOutput();
		ByteEscapes.SQL.quoted(all, out);
		byte[] written = java.util.Arrays.copyOf(out.array(), out.size());

		assertThat(written.length).isEqualTo(256 + 2 + 6);
		assertThat(new String(written, 0, 4, StandardCharsets.ISO_8859_1)).isEqualTo("'\\0\u0001");
		assertThat(new String(written, StandardCharsets.ISO_8859_1)).contains("\t\\n\u000b\u000c\\r")
			.contains("\u0019\\Z\u001b").contains("&\\'(").contains("[\\\\]").contains("!\"#")
			.doesNotContain("\n", "\r");
		ByteOutput csv = new ByteOutput();
		ByteEscapes.CSV.quoted("a\"b'c".getBytes(StandardCharsets.UTF_8), csv);
		assertThat(new String(csv.array(), 0, csv.size(), StandardCharsets.UTF_8)).isEqualTo("\"a\\\"b'c\"");
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
