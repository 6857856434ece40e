package dev.ferry.dump;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The statement reader: statements split where the server splits them, whatever the quoting and buffering. */
class SqlStatementReaderTests {

	@Test
	void semicolonsInsideStringsCommentsAndIdentifiersDoNotSplit() throws IOException {
		assertThat(statements("INSERT INTO t VALUES ('a;b', \"c;d\");\nINSERT INTO `x;y` VALUES (1); -- c;x\n"
				+ "# h;h\nSET a=1 /* x; y */;"))
			.containsExactly("INSERT INTO t VALUES ( '…' , '…' )",
					"INSERT INTO `x;y` VALUES ( 1 )", "SET a = 1");
	}

	@Test
	void escapedAndDoubledQuotesStayInsideTheString() throws IOException {
		assertThat(statements("INSERT INTO t VALUES ('it\\'s; DELETE', 'a''; b', \"q\\\"; r\", \"d\"\"; e\");"
				+ "SELECT `a``;b`;"))
			.containsExactly("INSERT INTO t VALUES ( '…' , '…' , '…' , '…' )", "SELECT `a``;b`");
	}

	@Test
	void backslashAtTheEndOfAStringIsAnEscapeOfItsOwn() throws IOException {
		assertThat(statements("INSERT INTO t VALUES ('a\\\\');DELETE FROM x;"))
			.containsExactly("INSERT INTO t VALUES ( '…' )", "DELETE FROM x");
	}

	@Test
	void executableCommentsAreSqlAndPlainCommentsAreNot() throws IOException {
		assertThat(statements("/*!40101 SET NAMES binary*/;\n/*M!100101 SET a=1 */;\n/* DELETE FROM x */;"
				+ "/*!40101 SET b=2; DELETE FROM y */;"))
			.containsExactly("SET NAMES binary", "SET a = 1", "SET b = 2", "DELETE FROM y");
	}

	@Test
	void doubleDashNeedsASpaceToBeAComment() throws IOException {
		assertThat(statements("SET a=1--1;\nSET b=2 -- DELETE FROM x\n;"))
			.containsExactly("SET a = 1 - - 1", "SET b = 2");
	}

	@Test
	void crlfLineEndsAreWhitespace() throws IOException {
		assertThat(statements("SET a=1;\r\nINSERT INTO t VALUES\r\n(1,'x\r\ny');\r\n"))
			.containsExactly("SET a = 1", "INSERT INTO t VALUES ( 1 , '…' )");
	}

	@Test
	void binaryBytesInStringsAreSkipped() throws IOException {
		byte[] head = "INSERT INTO t VALUES (_binary '".getBytes(StandardCharsets.US_ASCII);
		byte[] body = { (byte) 0xff, (byte) 0xbf, '\\', '\'', 0, (byte) 0x80, ';', (byte) 0xe9 };
		byte[] tail = "');DELETE FROM x;".getBytes(StandardCharsets.US_ASCII);
		byte[] all = new byte[head.length + body.length + tail.length];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(body, 0, all, head.length, body.length);
		System.arraycopy(tail, 0, all, head.length + body.length, tail.length);
		assertThat(statements(new ByteArrayInputStream(all)))
			.containsExactly("INSERT INTO t VALUES ( _binary '…' )", "DELETE FROM x");
	}

	@Test
	void statementsSplitAcrossBufferBoundariesAtEveryOffset() throws IOException {
		String sql = "/*!40101 SET NAMES binary*/;\nINSERT INTO `t` VALUES ('a\\'b;c','x''y') -- c;d\n,(2,\"q\"\"\");"
				+ "/* c */ SET b=2;";
		List<String> expected = statements(sql);
		assertThat(expected).hasSize(3);
		for (int chunk = 1; chunk <= 7; chunk++) {
			assertThat(statements(new Trickle(sql.getBytes(StandardCharsets.ISO_8859_1), chunk))).isEqualTo(expected);
		}
	}

	@Test
	void largeStatementsAreStreamedNotHeld() throws IOException {
		int rows = 200_000;
		InputStream in = new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
				new ByteArrayInputStream("INSERT INTO t VALUES (0,'x')".getBytes(StandardCharsets.US_ASCII)),
				new RepeatingStream(",(1,'long;value -- not a comment')".getBytes(StandardCharsets.US_ASCII), rows),
				new ByteArrayInputStream(";DELETE FROM x;".getBytes(StandardCharsets.US_ASCII)))));
		List<Integer> counts = new ArrayList<>();
		int[] tokens = { 0 };
		new SqlStatementReader(in).read(new SqlStatementReader.Handler() {
			@Override
			public void token(SqlToken token) {
				tokens[0]++;
			}

			@Override
			public void end(long line) {
				counts.add(tokens[0]);
				tokens[0] = 0;
			}
		});
		assertThat(counts).containsExactly(4 + 5 + rows * 6, 3);
	}

	@Test
	void lineNumbersOfStatements() throws IOException {
		List<Long> lines = new ArrayList<>();
		new SqlStatementReader(in("SET a=1;\n\n-- x\nSET b='1\n2';\nSET c=3;")).read(new SqlStatementReader.Handler() {
			@Override
			public void token(SqlToken token) {
			}

			@Override
			public void end(long line) {
				lines.add(line);
			}
		});
		assertThat(lines).containsExactly(1L, 4L, 6L);
	}

	@Test
	void unterminatedStringAtEndOfFileIsAnError() {
		assertThatThrownBy(() -> statements("INSERT INTO t VALUES ('abc);")).isInstanceOf(SqlSyntaxException.class)
			.hasMessageContaining("unterminated string");
		assertThatThrownBy(() -> statements("SELECT `abc")).hasMessageContaining("unterminated `identifier`");
		assertThatThrownBy(() -> statements("SELECT 1 /* abc")).hasMessageContaining("unterminated /* comment");
		assertThatThrownBy(() -> statements("/*!40101 SET a=1;")).hasMessageContaining("unterminated /*!");
	}

	@Test
	void aLineEndingWithSemicolonInsideAStringOrCommentIsRefused() {
		// myloader 0.10 cuts at every line that ends with ';', so the server would run the DELETE on its own
		assertThatThrownBy(() -> statements("INSERT INTO t VALUES ('x;\nDELETE FROM o;\n');"))
			.isInstanceOf(SqlSyntaxException.class)
			.hasMessageContaining("inside a string");
		assertThatThrownBy(() -> statements("INSERT INTO t VALUES (1) -- ;\nDELETE FROM o;\n"))
			.hasMessageContaining("inside a comment");
		assertThatThrownBy(() -> statements("INSERT INTO t VALUES (1) /* ;\nDELETE FROM o;\n */;"))
			.hasMessageContaining("inside a comment");
		assertThatThrownBy(() -> statements("INSERT INTO `a;\nb` VALUES (1);")).hasMessageContaining("identifier");
		assertThatThrownBy(() -> statements("INSERT INTO t VALUES ('x\\;\nDELETE FROM o;\n');"))
			.hasMessageContaining("inside a string");
	}

	@Test
	void routineBodiesAreOneStatement() throws IOException {
		assertThat(statements("CREATE DEFINER=`root`@`%` PROCEDURE `p`(IN a INT) READS SQL DATA BEGIN "
				+ "DECLARE x INT; IF a > 0 THEN SELECT 1; END IF; CASE a WHEN 1 THEN SELECT 2; END CASE; "
				+ "lbl: BEGIN SELECT 3; END; END;SELECT 4;"))
			.hasSize(2)
			.last()
			.isEqualTo("SELECT 4");
		assertThat(statements("CREATE FUNCTION f() RETURNS VARCHAR(10) CHARSET utf8mb4 DETERMINISTIC BEGIN "
				+ "RETURN 'a;b'; END;DELETE FROM x;")).hasSize(2).last().isEqualTo("DELETE FROM x");
		assertThat(statements("CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a=1; END;SELECT 5;"))
			.hasSize(2);
		assertThat(statements("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO BEGIN SELECT 1; END;SELECT 6;")).hasSize(2);
	}

	@Test
	void aBeginThatIsNoBlockDoesNotHideTheNextStatement() throws IOException {
		assertThat(statements("CREATE PROCEDURE p() SELECT 1 AS begin; DELETE FROM o;"))
			.containsExactly("CREATE PROCEDURE p ( ) SELECT 1 AS begin", "DELETE FROM o");
		assertThat(statements("CREATE PROCEDURE p() BEGIN SELECT 1 AS begin; END; DELETE FROM o;"))
			.last()
			.isEqualTo("DELETE FROM o");
		assertThat(statements("CREATE TABLE t (event INT, begin INT); DELETE FROM o;")).hasSize(2);
	}

	@Test
	void aLineEndingWithSemicolonInsideABodyIsRefused() {
		assertThatThrownBy(() -> statements("CREATE PROCEDURE p() BEGIN SELECT 1;\nDELETE FROM o;\nEND;\n"))
			.isInstanceOf(SqlSyntaxException.class)
			.hasMessageContaining("body");
	}

	@Test
	void withoutBackslashEscapesAStringEndsAtItsFirstLoneQuote() throws IOException {
		String sql = "SELECT 'a\\' OR 1; DELETE FROM o; SELECT \\'', 2;";
		assertThat(statements(sql)).containsExactly("SELECT '…' , 2");
		assertThat(statements(in(sql), new LexMode(false, false, null)))
			.containsExactly("SELECT '…' OR 1", "DELETE FROM o", "SELECT \\ '…' , 2");
	}

	@Test
	void underAnsiQuotesADoubleQuotedWordIsAName() throws IOException {
		assertThat(statements(in("CREATE TABLE \"my\"\"sql\".\"u\\\" (a INT);"), new LexMode(true, true, null)))
			.containsExactly("CREATE TABLE `my\"sql` . `u\\` ( a INT )");
	}

	@Test
	void stringValuesAreKeptOnlyWhenAskedAndUnescapedAsTheServerDoes() throws IOException {
		List<SqlToken> tokens = tokens("SET @a = 'x\\'y''z\\0\\n\\%\\_\\q\\\\', \"d\"\"q\";", LexMode.DEFAULT, 100);
		assertThat(tokens.get(3).value()).isEqualTo("x'y'z\0\n\\%\\_q\\".getBytes(StandardCharsets.ISO_8859_1));
		assertThat(tokens.get(5).value()).isEqualTo("d\"q".getBytes(StandardCharsets.ISO_8859_1));
		assertThat(tokens("SET @a = 'a\\b';", new LexMode(false, false, null), 100).get(3).value())
			.isEqualTo("a\\b".getBytes(StandardCharsets.ISO_8859_1));
		assertThat(tokens("SET @a = 'abcdef';", LexMode.DEFAULT, 5).get(3).value()).as("longer than asked").isNull();
		assertThat(tokens("SET @a = 'abc';", LexMode.DEFAULT, 0).get(3).value()).isNull();
		assertThat(tokens("SET @a = 'abc';", LexMode.DEFAULT, 0).get(3).shown()).isEqualTo("'…'");
	}

	@Test
	void namesAreReadInTheClientCharacterSetOrNotAtAll() throws IOException {
		byte[] utf8 = "SELECT `ü`, ü;".getBytes(StandardCharsets.UTF_8);
		assertThat(tokens(new ByteArrayInputStream(utf8), new LexMode(true, false, NameCharset.of("utf8mb4")), 0))
			.extracting(SqlToken::text)
			.containsExactly("SELECT", "ü", ",", "ü");
		assertThat(tokens(new ByteArrayInputStream(utf8), new LexMode(true, false, NameCharset.of("latin1")), 0))
			.extracting(SqlToken::text)
			.containsExactly("SELECT", "Ã¼", ",", "Ã¼");
		assertThat(tokens(new ByteArrayInputStream(utf8), LexMode.DEFAULT, 0).get(1).text())
			.startsWith(String.valueOf(NameCharset.UNREADABLE));
		assertThat(tokens(new ByteArrayInputStream("SELECT `😀`;".getBytes(StandardCharsets.UTF_8)),
				new LexMode(true, false, NameCharset.of("utf8mb3")), 0).get(1).text())
			.as("four bytes are no utf8mb3 character")
			.startsWith(String.valueOf(NameCharset.UNREADABLE));
	}

	@Test
	void executableCommentsThatAServerMaySkipAreFlagged() throws IOException {
		assertThat(conditional("/*!40101 SET NAMES utf8mb4*/;")).isFalse();
		assertThat(conditional("/*! SET a=1*/;")).isFalse();
		assertThat(conditional("SET a=1 /*!50600 , b=2*/;")).isTrue();
		assertThat(conditional("/*M!100100 SET a=1*/;")).isTrue();
		assertThat(conditional("/*!99999 SET a=1*/; SET b=2;")).isFalse();
	}

	@Test
	void aTokenKnowsWhetherItFollowsTheOneBeforeDirectly() throws IOException {
		List<Boolean> attached = new ArrayList<>();
		SqlStatementReader reader = new SqlStatementReader(in("SET a = X'41', b = X '41', c = X/**/'41';"));
		reader.read(new SqlStatementReader.Handler() {
			@Override
			public void token(SqlToken token) {
				if (token.kind() == SqlToken.Kind.STRING) {
					attached.add(reader.attached());
				}
			}

			@Override
			public void end(long line) {
			}
		});
		assertThat(attached).containsExactly(true, false, false);
	}

	@Test
	void aNestedStatementIsNotCutAtLineEnds() throws IOException {
		List<String> statements = new ArrayList<>();
		SqlStatementReader.nested(in("CREATE PROCEDURE p() BEGIN SELECT 'a;\n';\n SELECT 1;\nEND"), LexMode.DEFAULT)
			.read(new SqlStatementReader.Handler() {
				@Override
				public void token(SqlToken token) {
				}

				@Override
				public void end(long line) {
					statements.add("statement at line " + line);
				}
			});
		assertThat(statements).containsExactly("statement at line 1");
	}

	/** Whether the reader flags the last statement of {@code sql} as conditional. */
	private static boolean conditional(String sql) throws IOException {
		boolean[] last = { false };
		SqlStatementReader reader = new SqlStatementReader(in(sql));
		reader.read(new SqlStatementReader.Handler() {
			@Override
			public void token(SqlToken token) {
			}

			@Override
			public void end(long line) {
				last[0] = reader.conditional();
			}
		});
		return last[0];
	}

	private static List<SqlToken> tokens(String sql, LexMode mode, int limit) throws IOException {
		return tokens(in(sql), mode, limit);
	}

	/** The tokens of the first statement, read under {@code mode}, string values kept up to {@code limit}. */
	private static List<SqlToken> tokens(InputStream in, LexMode mode, int limit) throws IOException {
		List<SqlToken> tokens = new ArrayList<>();
		SqlStatementReader.nested(in, mode).read(new SqlStatementReader.Handler() {
			@Override
			public void token(SqlToken token) {
				tokens.add(token);
			}

			@Override
			public void end(long line) {
			}

			@Override
			public int stringLimit() {
				return limit;
			}

			@Override
			public LexMode mode() {
				return mode;
			}
		});
		return tokens;
	}

	/** The statements of {@code in} read under {@code mode} throughout. */
	static List<String> statements(InputStream in, LexMode mode) throws IOException {
		List<String> statements = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		SqlStatementReader.nested(in, mode).read(new SqlStatementReader.Handler() {
			@Override
			public void token(SqlToken token) {
				if (!current.isEmpty()) {
					current.append(' ');
				}
				current.append(token.shown());
			}

			@Override
			public void end(long line) {
				statements.add(current.toString());
				current.setLength(0);
			}

			@Override
			public LexMode mode() {
				return mode;
			}
		});
		return statements;
	}

	static List<String> statements(String sql) throws IOException {
		return statements(in(sql));
	}

	static List<String> statements(InputStream in) throws IOException {
		List<String> statements = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		new SqlStatementReader(in).read(new SqlStatementReader.Handler() {
			@Override
			public void token(SqlToken token) {
				if (!current.isEmpty()) {
					current.append(' ');
				}
				current.append(token.shown());
			}

			@Override
			public void end(long line) {
				statements.add(current.toString());
				current.setLength(0);
			}
		});
		return statements;
	}

	private static InputStream in(String sql) {
		return new ByteArrayInputStream(sql.getBytes(StandardCharsets.ISO_8859_1));
	}

	/** Hands out at most {@code chunk} bytes per read, so that every token crosses a buffer boundary somewhere. */
	private static final class Trickle extends InputStream {

		private final byte[] data;

		private final int chunk;

		private int pos;

		Trickle(byte[] data, int chunk) {
			this.data = data;
			this.chunk = chunk;
		}

		@Override
		public int read() {
			return (this.pos < this.data.length) ? this.data[this.pos++] & 0xff : -1;
		}

		@Override
		public int read(byte[] b, int off, int len) {
			if (this.pos >= this.data.length) {
				return -1;
			}
			int n = Math.min(Math.min(len, this.chunk), this.data.length - this.pos);
			System.arraycopy(this.data, this.pos, b, off, n);
			this.pos += n;
			return n;
		}

	}

	/** {@code unit} repeated {@code times}, generated as it is read. */
	static final class RepeatingStream extends InputStream {

		private final byte[] unit;

		private long left;

		private int pos;

		RepeatingStream(byte[] unit, long times) {
			this.unit = unit;
			this.left = times;
		}

		@Override
		public int read() {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] b, int off, int len) {
			if (this.left == 0) {
				return -1;
			}
			int n = 0;
			while (n < len && this.left > 0) {
				int take = Math.min(len - n, this.unit.length - this.pos);
				System.arraycopy(this.unit, this.pos, b, off + n, take);
				n += take;
				this.pos += take;
				if (this.pos == this.unit.length) {
					this.pos = 0;
					this.left--;
				}
			}
			return n;
		}

	}

}
