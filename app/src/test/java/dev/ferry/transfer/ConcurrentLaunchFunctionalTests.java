package dev.ferry.transfer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ferry.support.FerryClient;
import dev.ferry.support.FunctionalTest;
import dev.ferry.support.TestDatabases;
import dev.ferry.support.TrickyDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 20 exports launched at the same moment on the MariaDB job repository (isolation-level-for-create READ_COMMITTED):
 * every launch answers with its own record, no deadlock, and all of them finish.
 */
class ConcurrentLaunchFunctionalTests extends FunctionalTest {

	static final String SOURCE_DB = TestDatabases.uniqueName("burst");

	@BeforeAll
	static void createSourceDatabase() throws Exception {
		TrickyDatabase.create(TestDatabases.sourcePort(), SOURCE_DB, 10);
	}

	@Test
	void twentySimultaneousLaunchesAllCreateTheirRecords() throws Exception {
		String clusterId = registerCluster(TestDatabases.uniqueName("burst"), TestDatabases.sourcePort(), "root", "");
		Map<String, Object> export = Map.of("clusterId", clusterId, "fileType", "sql", "storageType", "nfs", "filter",
				SOURCE_DB + ".*");
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(20);
		List<Future<FerryClient.Reply>> replies = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			FerryClient client = new FerryClient("http://127.0.0.1:" + this.port, "admin", ADMIN_PASSWORD);
			replies.add(pool.submit(() -> {
				start.await();
				return client.post("/api/v1/clusters/export", export);
			}));
		}
		long t0 = System.nanoTime();
		start.countDown();
		Set<String> records = new HashSet<>();
		List<String> failures = new ArrayList<>();
		for (Future<FerryClient.Reply> future : replies) {
			FerryClient.Reply reply = future.get();
			if (reply.status() == 200) {
				records.add(reply.data().path("recordId").asString());
			}
			else {
				failures.add(reply.status() + " " + reply.body());
			}
		}
		long launchMs = (System.nanoTime() - t0) / 1_000_000;
		pool.shutdown();
		System.out.printf("[burst] 20 simultaneous launches answered in %d ms%n", launchMs);

		assertThat(failures).as("no launch failed (deadlock or otherwise)").isEmpty();
		assertThat(records).hasSize(20);
		assertThat(TestDatabases.count(TestDatabases.targetPort(), "SELECT COUNT(DISTINCT i.JOB_INSTANCE_ID) FROM "
				+ REPOSITORY_DB + ".BATCH_JOB_INSTANCE i JOIN " + REPOSITORY_DB + ".BATCH_JOB_EXECUTION e ON"
				+ " e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID WHERE i.JOB_INSTANCE_ID IN (" + String.join(",", records) + ")"))
			.isEqualTo(20);
		for (String recordId : records) {
			assertThat(this.api.awaitRecord(recordId, Duration.ofMinutes(3)).path("status").asString())
				.as("record " + recordId).isEqualTo("Finished");
		}
		System.out.printf("[burst] all 20 finished %d ms after the launch%n", (System.nanoTime() - t0) / 1_000_000);
	}

}
