package dev.ferry.tidb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files under {@code src/test/resources/tidb/}. Argument lists are stored one argument per line, with
 * {@code \} and line breaks escaped, so a wrong split or join shows as a changed line.
 * Run with {@code -Dferry.golden.update=true} to rewrite them from the current output (then review the diff).
 */
final class Golden {

	private static final Path SOURCE = Path.of("src/test/resources/tidb");

	private Golden() {
	}

	static void assertMatches(String name, String actual) {
		if (Boolean.getBoolean("ferry.golden.update")) {
			try {
				Files.writeString(SOURCE.resolve(name), actual, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return;
		}
		assertThat(actual).as("golden file tidb/%s", name).isEqualTo(read(name));
	}

	static void assertArgumentsMatch(String name, List<String> arguments) {
		assertMatches(name, lines(arguments));
	}

	static String lines(List<String> arguments) {
		return arguments.stream()
			.map(argument -> argument.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r"))
			.collect(Collectors.joining("\n", "", "\n"));
	}

	static String read(String name) {
		try (InputStream in = Golden.class.getResourceAsStream("/tidb/" + name)) {
			if (in == null) {
				throw new AssertionError("missing golden file tidb/" + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
