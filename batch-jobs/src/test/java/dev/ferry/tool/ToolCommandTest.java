package dev.ferry.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ToolCommandTest {

	private static final Path DIR = Path.of("/tmp");

	private static final Path LOG = Path.of("/tmp/x.log");

	@Test
	void copiesTheCollections() {
		List<String> argv = new ArrayList<>(List.of("mydumper", "--threads", "4"));
		Map<String, String> env = new HashMap<>(Map.of("TZ", "UTC"));
		ToolCommand command = command(argv, env, Duration.ofHours(1), Duration.ofSeconds(5));
		argv.add("--evil");
		env.put("EVIL", "1");

		assertThat(command.command()).containsExactly("mydumper", "--threads", "4");
		assertThat(command.environment()).containsOnlyKeys("TZ");
		assertThatThrownBy(() -> command.command().add("x")).isInstanceOf(UnsupportedOperationException.class);
	}

	@Test
	void rejectsWhatCannotRun() {
		assertThatIllegalArgumentException().isThrownBy(() -> command(List.of(), Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(1)))
			.withMessageContaining("executable");
		assertThatIllegalArgumentException().isThrownBy(() -> command(List.of(" "), Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> command(List.of("x"), Map.of(), Duration.ZERO, Duration.ofSeconds(1)))
			.withMessageContaining("timeout");
		assertThatIllegalArgumentException().isThrownBy(() -> command(List.of("x"), Map.of(), Duration.ofSeconds(1), Duration.ofMillis(-1)))
			.withMessageContaining("pollInterval");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ToolCommand(" ", List.of("x"), DIR, Map.of(), LOG, Duration.ofSeconds(1), Duration.ofSeconds(1)));
		List<String> withNull = new ArrayList<>();
		withNull.add("x");
		withNull.add(null);
		assertThatThrownBy(() -> command(withNull, Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(1)))
			.isInstanceOf(NullPointerException.class);
	}

	@Test
	void displaysTheCommandLineQuotedAndHidesEnvironmentValues() {
		ToolCommand command = command(List.of("myloader", "--directory", "/data/my dump", "--regex", "^(db\\.)", "it's"),
				Map.of("MYSQL_PWD", "s3cret"), Duration.ofMinutes(90), Duration.ofSeconds(5));

		assertThat(command.displayCommandLine())
			.isEqualTo("myloader --directory '/data/my dump' --regex '^(db\\.)' 'it'\"'\"'s'");
		assertThat(command.toString()).contains("MYSQL_PWD").doesNotContain("s3cret");
	}

	@Test
	void formatsTimeouts() {
		assertThat(ToolTimeoutException.format(Duration.ofMillis(300))).isEqualTo("300ms");
		assertThat(ToolTimeoutException.format(Duration.ofSeconds(45))).isEqualTo("45s");
		assertThat(ToolTimeoutException.format(Duration.ofMillis(1500))).isEqualTo("1.500s");
		assertThat(ToolTimeoutException.format(Duration.ofMinutes(125))).isEqualTo("2h 5m");
		assertThat(ToolTimeoutException.format(Duration.ofSeconds(3603))).isEqualTo("1h 0m 3s");
	}

	private static ToolCommand command(List<String> argv, Map<String, String> env, Duration timeout, Duration poll) {
		return new ToolCommand("tool", argv, DIR, env, LOG, timeout, poll);
	}

}
