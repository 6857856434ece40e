package dev.ferry.support;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * The repository database of a Ferry started in its own JVM ({@link FerryProcess}), on the {@code target} MariaDB
 * instance.
 */
public final class FerryRepository {

	private FerryRepository() {
	}

	/**
	 * The variables an operator sets for the mariadb profile: the repository {@code database} (created by the
	 * caller), a fresh secret key, and the admin's password. Nodes given the same map share one repository.
	 */
	public static Map<String, String> environment(String database, String adminPassword) {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Map.of("FERRY_DB_URL", "jdbc:mariadb://127.0.0.1:" + TestDatabases.targetPort() + "/" + database,
				"FERRY_DB_USER", "root", "FERRY_DB_PASSWORD", "", "FERRY_SECRET_KEY",
				Base64.getEncoder().encodeToString(key), "FERRY_ADMIN_PASSWORD", adminPassword);
	}

	/**
	 * Waits until the tool step has committed the tool's pid: a node killed before that cannot find the tool it
	 * left behind (it is matched by the pid and start time stored in the step's context).
	 */
	public static void awaitToolPidCommitted(String database, String recordId) {
		String sql = "SELECT COUNT(*) FROM " + database + ".BATCH_STEP_EXECUTION_CONTEXT c JOIN " + database
				+ ".BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID = c.STEP_EXECUTION_ID JOIN " + database
				+ ".BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID WHERE e.JOB_INSTANCE_ID = "
				+ Long.parseLong(recordId) + " AND e.STATUS = 'STARTED' AND c.SHORT_CONTEXT LIKE '%tool.pid%'";
		await().atMost(Duration.ofSeconds(30))
			.until(() -> TestDatabases.count(TestDatabases.targetPort(), sql) > 0);
	}

}
