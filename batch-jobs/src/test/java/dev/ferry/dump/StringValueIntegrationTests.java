package dev.ferry.dump;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.ferry.engine.FidelityFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The values the reader keeps for {@code SET @ferry_ddl} and {@code SET sql_mode} are the ones MariaDB reads: random
 * string literals of every escape, quoted quote and multi-byte character, with and without
 * {@code NO_BACKSLASH_ESCAPES}, against {@code SELECT HEX(…)} on the test server.
 */
class StringValueIntegrationTests {

	private static final String[] ESCAPING = { "a", "é", "😀", ";", " ", "%", "_", "\"", "''", "\\\\", "\\'", "\\\"",
			"\\0", "\\b", "\\n", "\\r", "\\t", "\\Z", "\\%", "\\_", "\\q", "\\é", "\\N" };

	private static final String[] NOT_ESCAPING = { "a", "é", "😀", ";", "%", "\"", "''", "\\", "\\n", "\\\\" };

	@Test
	void valuesAreUnescapedAsTheServerUnescapesThem() throws Exception {
		assertSameAsServer(LexMode.DEFAULT, "", ESCAPING);
	}

	@Test
	void valuesWithoutBackslashEscapesAreTheServers() throws Exception {
		assertSameAsServer(new LexMode(false, false, null), "NO_BACKSLASH_ESCAPES", NOT_ESCAPING);
	}

	private static void assertSameAsServer(LexMode mode, String sqlMode, String[] pieces) throws Exception {
		Random random = new Random(42);
		List<String> literals = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			StringBuilder literal = new StringBuilder("'");
			for (int n = random.nextInt(8); n > 0; n--) {
				literal.append(pieces[random.nextInt(pieces.length)]);
			}
			literals.add(literal.append('\'').toString());
		}
		List<String> server = server(literals, sqlMode);
		for (int i = 0; i < literals.size(); i++) {
			assertThat(HexFormat.of().withUpperCase().formatHex(kept(literals.get(i), mode))).as(literals.get(i))
				.isEqualTo(server.get(i));
		}
	}

	private static List<String> server(List<String> literals, String sqlMode) throws SQLException {
		try (Connection connection = FidelityFixture.connect(FidelityFixture.targetPort());
				Statement statement = connection.createStatement()) {
			statement.execute("SET SESSION sql_mode = '" + sqlMode + "'");
			StringBuilder select = new StringBuilder("SELECT ");
			for (int i = 0; i < literals.size(); i++) {
				select.append(i > 0 ? ", " : "").append("HEX(_binary").append(literals.get(i)).append(')');
			}
			try (ResultSet rs = statement.executeQuery(select.toString())) {
				rs.next();
				List<String> values = new ArrayList<>();
				for (int i = 1; i <= literals.size(); i++) {
					values.add(rs.getString(i));
				}
				return values;
			}
		}
	}

	/** The value the reader keeps for {@code literal} (as UTF-8 bytes), read under {@code mode}. */
	private static byte[] kept(String literal, LexMode mode) throws IOException {
		byte[][] value = { null };
		byte[] sql = ("SET @v = _binary" + literal).getBytes(StandardCharsets.UTF_8);
		SqlStatementReader.nested(new ByteArrayInputStream(sql), mode).read(new SqlStatementReader.Handler() {
			@Override
			public void token(SqlToken token) {
				if (token.kind() == SqlToken.Kind.STRING) {
					value[0] = token.value();
				}
			}

			@Override
			public void end(long line) {
			}

			@Override
			public int stringLimit() {
				return 1024;
			}
		});
		assertThat(value[0]).as(literal).isNotNull();
		return value[0];
	}

}
