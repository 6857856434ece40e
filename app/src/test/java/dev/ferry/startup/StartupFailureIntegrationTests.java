package dev.ferry.startup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ferry.support.FerryProcess;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ferry as its own JVM, started the wrong way: each start must end at once with a short report that says what is
 * wrong and what to do, not a page of stack traces, and without the secret it was given.
 */
class StartupFailureIntegrationTests {

	static final Path WORK = Path.of("target", "startup-it").toAbsolutePath();

	@Test
	void aDataDirectoryInUseAndThenAnotherSecretKeyAreRefused() throws Exception {
		Path home = Files.createDirectories(WORK.resolve(TestDatabases.uniqueName("home")));
		Map<String, String> environment = Map.of("FERRY_HOME", home.toString(), "FERRY_ADMIN_PASSWORD", "startup-pw");

		try (FerryProcess running = FerryProcess.start("holder", Map.of(), environment, WORK)) {
			FerryProcess.Exit second = FerryProcess.runToExit("second", Map.of(), environment, WORK,
					Duration.ofMinutes(2));

			assertThat(second.code()).isNotZero();
			assertReport(second.output(), "is in use by another process")
				.contains("FERRY_HOME=" + home)
				.contains("start this one with its own FERRY_HOME");
		}

		String otherKey = randomKey();
		Map<String, String> withOtherKey = new HashMap<>(environment);
		withOtherKey.put("FERRY_SECRET_KEY", otherKey);
		FerryProcess.Exit rekeyed = FerryProcess.runToExit("other-key", Map.of(), withOtherKey, WORK,
				Duration.ofMinutes(2));

		assertThat(rekeyed.code()).isNotZero();
		assertReport(rekeyed.output(), "The secret key from FERRY_SECRET_KEY is not the key that encrypted the secrets")
			.contains("the same FERRY_SECRET_KEY on every node")
			.doesNotContain(otherKey);
	}

	@Test
	void aMariadbThatRefusesTheUserIsReportedWithoutThePassword() throws Exception {
		Path home = Files.createDirectories(WORK.resolve(TestDatabases.uniqueName("home")));
		String url = "jdbc:mariadb://127.0.0.1:" + TestDatabases.targetPort() + "/mysql";

		FerryProcess.Exit exit = FerryProcess.runToExit("refused", Map.of(),
				Map.of("SPRING_PROFILES_ACTIVE", "mariadb", "FERRY_DB_URL", url, "FERRY_DB_USER", "root",
						"FERRY_DB_PASSWORD", "a-wrong-db-pw", "FERRY_HOME", home.toString()),
				WORK, Duration.ofMinutes(2));

		assertThat(exit.code()).isNotZero();
		assertReport(exit.output(), "Ferry's database at " + url + " refused the user 'root'")
			.contains("Check FERRY_DB_USER and FERRY_DB_PASSWORD")
			.doesNotContain("a-wrong-db-pw");
	}

	@Test
	void aWrongS3AllowedEndpointIsReportedNamingTheSetting() throws Exception {
		Path home = Files.createDirectories(WORK.resolve(TestDatabases.uniqueName("home")));

		FerryProcess.Exit exit = FerryProcess.runToExit("s3-allowed", Map.of(),
				Map.of("FERRY_HOME", home.toString(), "FERRY_S3_ALLOWED_ENDPOINTS", "127.0.0.1, 10.0.0.0/33"), WORK,
				Duration.ofMinutes(2));

		assertThat(exit.code()).isNotZero();
		assertReport(exit.output(), "ferry.s3")
			.contains("ferry.s3.allowed-endpoints: '10.0.0.0/33' has a prefix length outside 0-32");
	}

	private static org.assertj.core.api.AbstractStringAssert<?> assertReport(String output, String description) {
		return assertThat(output).as(output)
			.contains("APPLICATION FAILED TO START")
			.contains(description)
			.doesNotContain("\tat ")
			.doesNotContain("Caused by:");
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
