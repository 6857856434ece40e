package dev.ferry.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The option file that hands the password to mydumper/myloader: private modes, and an escaping that the real
 * MariaDB option-file parser ({@code my_print_defaults}) reads back to the original password.
 */
class MysqlDefaultsFileTests {

	private static final String MY_PRINT_DEFAULTS = "my_print_defaults";

	@TempDir
	Path dir;

	@Test
	void writesAFileWithModeRwOnly() throws Exception {
		Path file = MysqlDefaultsFile.write(this.dir.resolve("my.cnf"), "pw");

		assertThat(file).isEqualTo(this.dir.resolve("my.cnf")).isRegularFile();
		assertThat(mode(file)).isEqualTo("rw-------");
	}

	@Test
	void createsAMissingParentDirectoryWithModeRwxOnly() throws Exception {
		Path parent = this.dir.resolve("step-7");
		Path file = MysqlDefaultsFile.write(parent.resolve("my.cnf"), "pw");

		assertThat(parent).isDirectory();
		assertThat(mode(parent)).isEqualTo("rwx------");
		assertThat(mode(file)).isEqualTo("rw-------");
	}

	@Test
	void createsMissingAncestorsPrivatelyToo() throws Exception {
		Path outer = this.dir.resolve("a");
		Path inner = outer.resolve("b");

		MysqlDefaultsFile.write(inner.resolve("my.cnf"), "pw");

		assertThat(mode(outer)).isEqualTo("rwx------");
		assertThat(mode(inner)).isEqualTo("rwx------");
	}

	@Test
	void contentIsAClientGroupWithAQuotedPassword() throws Exception {
		Path file = MysqlDefaultsFile.write(this.dir.resolve("my.cnf"), "plain");

		assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("[client]\npassword=\"plain\"\n");
	}

	@Test
	void escapesBackslashQuoteNewlineCarriageReturnAndTab() throws Exception {
		Path file = MysqlDefaultsFile.write(this.dir.resolve("my.cnf"), "a\\b\"c\nd\te\rf'g");

		assertThat(Files.readString(file, StandardCharsets.UTF_8))
			.isEqualTo("[client]\npassword=\"a\\\\b\\\"c\\nd\\te\\rf'g\"\n");
		assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(2);
	}

	@Test
	void escapeLeavesOrdinaryCharactersAlone() {
		assertThat(MysqlDefaultsFile.escape("")).isEmpty();
		assertThat(MysqlDefaultsFile.escape("abc XYZ 123 #;=' ü 🔐")).isEqualTo("abc XYZ 123 #;=' ü 🔐");
		assertThat(MysqlDefaultsFile.escape("\\\\")).isEqualTo("\\\\\\\\");
	}

	@Test
	void overwritingAnExistingFileReplacesItsContentAndKeepsItPrivate() throws Exception {
		Path file = this.dir.resolve("my.cnf");
		Files.writeString(file, "[client]\npassword=\"old-and-much-longer-than-the-new-one\"\nuser=root\n");
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

		MysqlDefaultsFile.write(file, "new");

		assertThat(Files.readString(file)).isEqualTo("[client]\npassword=\"new\"\n");
		assertThat(mode(file)).isEqualTo("rw-------");

		MysqlDefaultsFile.write(file, "newer");

		assertThat(Files.readString(file)).isEqualTo("[client]\npassword=\"newer\"\n");
		assertThat(mode(file)).isEqualTo("rw-------");
	}

	@ParameterizedTest
	@ValueSource(strings = { "plain", "", "with space", " leading", "trailing ", "  both  ", "dq\"inside",
			"sq'inside", "\"double quoted\"", "'single quoted'", "\"", "'", "'\"", "back\\slash", "ends with\\",
			"\\", "\\\\", "\\\"", "\\n is not a newline", "\\s\\t\\b", "#hash first", "a#b", "a #b", "a ;b",
			";semicolon first", "a=b", "==", "=", "key=value # comment", "[client]", "!include /etc/passwd",
			"password=x", "ünïcödé 密码 пароль", "emoji 🔐🚀👩‍💻", "à", "\u00a0nbsp\u00a0", "tab\there",
			"new\nline", "carriage\rreturn", "\ttab-edges\t", "mix \"'\\#;= end ", "  \" # ' ; \\ =  " })
	void theMariaDbOptionFileParserReadsBackTheOriginalPassword(String password) throws Exception {
		assertThat(myPrintDefaultsAvailable()).as(MY_PRINT_DEFAULTS + " (mariadb-client) must be installed: ops/test.sh installs it").isTrue();
		Path file = MysqlDefaultsFile.write(this.dir.resolve("my.cnf"), password);

		assertThat(myPrintDefaults(file)).isEqualTo("--password=" + password + "\n");
	}

	@Test
	void theMariaDbOptionFileParserReadsBackRandomTrickyPasswords() throws Exception {
		assertThat(myPrintDefaultsAvailable()).as(MY_PRINT_DEFAULTS + " (mariadb-client) must be installed: ops/test.sh installs it").isTrue();
		String[] alphabet = { " ", "\"", "'", "\\", "#", ";", "=", "\t", "\n", "\r", "[", "]", "!", "a", "Z", "0", "n",
				"t", "s", "é", "密", "🔐", "\u00a0", "$", "`" };
		Random random = new Random(20240611L);
		List<String> mismatches = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			StringBuilder password = new StringBuilder();
			int length = 1 + random.nextInt(12);
			for (int j = 0; j < length; j++) {
				password.append(alphabet[random.nextInt(alphabet.length)]);
			}
			Path file = MysqlDefaultsFile.write(this.dir.resolve("fuzz.cnf"), password.toString());
			String output = myPrintDefaults(file);
			if (!output.equals("--password=" + password + "\n")) {
				mismatches.add(visible(password.toString()) + " -> " + visible(output));
			}
		}
		assertThat(mismatches).isEmpty();
	}

	@Test
	void theMariaDbOptionFileParserReadsBackALongPassword() throws Exception {
		assertThat(myPrintDefaultsAvailable()).as(MY_PRINT_DEFAULTS + " (mariadb-client) must be installed: ops/test.sh installs it").isTrue();
		String password = "long\"pass\\word#".repeat(100);
		Path file = MysqlDefaultsFile.write(this.dir.resolve("my.cnf"), password);

		assertThat(myPrintDefaults(file)).isEqualTo("--password=" + password + "\n");
	}

	private static String mode(Path path) throws IOException {
		return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
	}

	private static boolean myPrintDefaultsAvailable() {
		try {
			Process process = new ProcessBuilder(MY_PRINT_DEFAULTS, "--version").redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static String myPrintDefaults(Path file) throws Exception {
		Process process = new ProcessBuilder(MY_PRINT_DEFAULTS, "--defaults-file=" + file, "client")
			.redirectError(ProcessBuilder.Redirect.DISCARD)
			.start();
		process.getOutputStream().close();
		byte[] out = readAll(process.getInputStream());
		assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("my_print_defaults finished").isTrue();
		assertThat(process.exitValue()).as("my_print_defaults exit code").isZero();
		return new String(out, StandardCharsets.UTF_8);
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		in.transferTo(buffer);
		return buffer.toByteArray();
	}

	private static String visible(String value) {
		StringBuilder out = new StringBuilder("<");
		value.codePoints().forEach((cp) -> {
			if (cp < 0x20 || cp == 0x7f || cp == 0xa0) {
				out.append(String.format("\\u%04x", cp));
			}
			else {
				out.appendCodePoint(cp);
			}
		});
		return out.append('>').toString();
	}

}
