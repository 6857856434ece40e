package dev.ferry.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ferry.support.FerryProcess;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code FERRY_SPACE_MARGIN} is checked at startup: a negative margin ends the start with a report naming it. */
class SpaceMarginStartupTests {

	static final Path WORK = Path.of("target", "startup-it").toAbsolutePath();

	@Test
	void aNegativeSpaceMarginIsReportedNamingTheSetting() throws Exception {
		Path home = Files.createDirectories(WORK.resolve(TestDatabases.uniqueName("home")));

		FerryProcess.Exit exit = FerryProcess.runToExit("space-margin", Map.of(),
				Map.of("FERRY_HOME", home.toString(), "FERRY_SPACE_MARGIN", "-1"), WORK, Duration.ofMinutes(2));

		assertThat(exit.code()).isNotZero();
		assertThat(exit.output()).as(exit.output())
			.contains("APPLICATION FAILED TO START")
			.contains("ferry.transfers")
			.contains("spaceMargin")
			.doesNotContain("\tat ");
	}

}
