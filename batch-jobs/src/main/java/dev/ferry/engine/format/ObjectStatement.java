package dev.ferry.engine.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The statements that re-create one stored object (routine, trigger, event, view) with the session settings it was
 * created with, so that {@code SHOW CREATE} gives the same answer after a load: {@code sql_mode}, the character set
 * and collation of the client (its statement is written in that character set), and an event's time zone.
 * <p>
 * myloader 0.10 cuts a file into statements at every line that ends with {@code ;}, whatever the quoting, so a body
 * of several statements cannot be written as it is (mydumper 0.10 adds a space after each such {@code ;}, which
 * changes the body). Such a statement is written on one line instead, as an escaped binary string in a user variable,
 * and run with {@code EXECUTE IMMEDIATE}: the server sees the body's bytes unchanged.
 * <p>
 * Files stay UTF-8 (a client such as Connector/J, which always sends UTF-8, can replay them): an object created with
 * another client character set whose text is not plain ASCII is carried the same way, as a hex literal of the bytes
 * in its character set.
 */
final class ObjectStatement {

	/** The user variable that carries a statement run by {@code EXECUTE IMMEDIATE}. */
	static final String VARIABLE = "@ferry_ddl";

	/** The {@code sql_mode} of the files' own statements: backslash escapes, zero dates and the like allowed. */
	static final String FILE_MODE = "NO_AUTO_VALUE_ON_ZERO";

	private ObjectStatement() {
	}

	/**
	 * @param create the {@code CREATE} statement as {@code SHOW CREATE} prints it
	 * @param sqlMode the object's {@code sql_mode}, or null to use {@link #FILE_MODE} (views keep none)
	 * @param client its {@code character_set_client}
	 * @param collation its {@code collation_connection}
	 * @param timeZone an event's time zone, else null
	 */
	static byte[] write(String create, @Nullable String sqlMode, String client, String collation,
			@Nullable String timeZone) {
		byte[] text = ServerCharsets.encode(create, client);
		if (text == null) { // a character set Java cannot write: the text is kept, the setting becomes utf8mb4
			text = ServerCharsets.utf8(create);
			client = "utf8mb4";
			collation = "utf8mb4_general_ci";
		}
		String mode = (sqlMode != null) ? sqlMode : FILE_MODE;
		ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + 512);
		boolean utf8 = ServerCharsets.UTF8.contains(client.toLowerCase(Locale.ROOT));
		boolean oneLine = !cutByMyloader(text) && (utf8 || ascii(text));
		if (!oneLine) {
			ascii(out, "SET SESSION sql_mode = " + SqlText.literal(FILE_MODE) + ";\n");
			ByteOutput literal = new ByteOutput();
			if (utf8) {
				ascii(out, "SET " + VARIABLE + " = _binary");
				ByteEscapes.SQL.quoted(text, literal);
			}
			else {
				ascii(out, "SET " + VARIABLE + " = X'");
				literal.writeHex(text);
				literal.write('\'');
			}
			out.write(literal.array(), 0, literal.size());
			ascii(out, ";\n");
		}
		ascii(out, "SET character_set_client = " + client + ";\n");
		ascii(out, "SET collation_connection = " + collation + ";\n");
		if (timeZone != null) {
			ascii(out, "SET SESSION time_zone = " + SqlText.literal(timeZone) + ";\n");
		}
		ascii(out, "SET SESSION sql_mode = " + SqlText.literal(mode) + ";\n");
		if (oneLine) {
			out.write(text, 0, text.length);
			ascii(out, ";\n");
		}
		else {
			ascii(out, "EXECUTE IMMEDIATE " + VARIABLE + ";\n");
		}
		return out.toByteArray();
	}

	/** Whether myloader 0.10 would cut the statement before its end: a line of it ends with {@code ;}. */
	static boolean cutByMyloader(byte[] text) {
		for (int i = 1; i < text.length; i++) {
			if (text[i] == '\n' && text[i - 1] == ';') {
				return true;
			}
		}
		return false;
	}

	private static boolean ascii(byte[] text) {
		for (byte b : text) {
			if (b < 0) {
				return false;
			}
		}
		return true;
	}

	private static void ascii(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

}
