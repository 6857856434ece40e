package dev.ferry.notify;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox on MariaDB (the database several nodes share), on Ferry's real schema: concurrent claims from two
 * "nodes" take every due delivery exactly once; a failed attempt waits for its back-off; a lease that ran out lets
 * another node retry.
 */
class DeliveriesIntegrationTests {

	static final String DB = "ferry_notify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

	static final String ROOT_URL = "jdbc:mariadb://127.0.0.1:" + System.getenv().getOrDefault("FERRY_IT_TARGET_PORT",
			"34072") + "/";

	static DriverManagerDataSource dataSource;

	static Deliveries deliveries;

	@BeforeAll
	static void schema() throws Exception {
		JdbcClient.create(new DriverManagerDataSource(ROOT_URL, "root", "")).sql("CREATE DATABASE " + DB).update();
		dataSource = new DriverManagerDataSource(ROOT_URL + DB, "root", "");
		SpringLiquibase liquibase = new SpringLiquibase();
		liquibase.setDataSource(dataSource);
		liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.yaml");
		liquibase.setResourceLoader(new DefaultResourceLoader());
		liquibase.afterPropertiesSet();
		deliveries = new Deliveries(JdbcClient.create(dataSource));
	}

	@AfterAll
	static void drop() {
		JdbcClient.create(new DriverManagerDataSource(ROOT_URL, "root", "")).sql("DROP DATABASE " + DB).update();
	}

	@Test
	void twoNodesClaimingAtOnceTakeEveryDeliveryExactlyOnce() throws Exception {
		for (int i = 0; i < 30; i++) {
			add("http://127.0.0.1:1/hook-" + i);
		}
		List<Long> due = deliveries.due(100);
		assertThat(due).hasSizeGreaterThanOrEqualTo(30);
		Set<Long> taken = ConcurrentHashMap.newKeySet();
		List<Long> twice = java.util.Collections.synchronizedList(new ArrayList<>());
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService nodes = Executors.newFixedThreadPool(4);
		for (String node : List.of("node-a", "node-b", "node-c", "node-d")) {
			nodes.submit(() -> {
				start.await();
				for (long id : due) {
					deliveries.claim(id, node, Duration.ofMinutes(5)).ifPresent((d) -> {
						if (!taken.add(d.id())) {
							twice.add(d.id());
						}
					});
				}
				return null;
			});
		}
		start.countDown();
		nodes.shutdown();
		assertThat(nodes.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

		assertThat(twice).isEmpty();
		assertThat(taken).containsExactlyInAnyOrderElementsOf(due);
		assertThat(deliveries.due(100)).doesNotContainAnyElementsOf(due);
	}

	@Test
	void aFailedAttemptWaitsForItsBackoffAndAnExpiredLeaseIsRetried() throws Exception {
		long id = add("http://127.0.0.1:1/backoff");
		Deliveries.Due first = deliveries.claim(id, "node-a", Duration.ofMinutes(5)).orElseThrow();
		assertThat(first.attempts()).isZero();
		assertThat(deliveries.claim(id, "node-b", Duration.ofMinutes(5))).as("leased to node-a").isEmpty();

		deliveries.attemptFailed(id, 1, "webhook answered HTTP 500", LocalDateTime.now().plusHours(1));
		assertThat(deliveries.due(1000)).doesNotContain(id);
		assertThat(deliveries.claim(id, "node-b", Duration.ofMinutes(5))).as("not due before its back-off").isEmpty();
		Delivery pending = view(id);
		assertThat(pending.status()).isEqualTo("PENDING");
		assertThat(pending.attempts()).isEqualTo(1);
		assertThat(pending.lastError()).isEqualTo("webhook answered HTTP 500");
		assertThat(pending.nextAttemptAt()).isNotNull();

		deliveries.attemptFailed(id, 1, "webhook answered HTTP 500", LocalDateTime.now().minusSeconds(1));
		deliveries.claim(id, "node-a", Duration.ofMillis(1)).orElseThrow(); // node-a takes it, then dies
		Deliveries.Due retried = await().atMost(Duration.ofSeconds(5))
			.until(() -> deliveries.claim(id, "node-b", Duration.ofMinutes(5)), java.util.Optional::isPresent)
			.orElseThrow();
		assertThat(retried.attempts()).isEqualTo(1);

		deliveries.delivered(id, 2);
		Delivery delivered = view(id);
		assertThat(delivered.status()).isEqualTo("DELIVERED");
		assertThat(delivered.attempts()).isEqualTo(2);
		assertThat(delivered.lastError()).as("the failed attempt stays visible").isEqualTo("webhook answered HTTP 500");
		assertThat(delivered.nextAttemptAt()).isNull();
		assertThat(delivered.destination()).isEqualTo("http://127.0.0.1:1/…");

		deliveries.attemptFailed(id, 8, "connection refused", null);
		assertThat(view(id).status()).isEqualTo("FAILED");
	}

	@Test
	void onTheEmbeddedH2TheOutboxWorksAlike() throws Exception {
		var h2 = new org.springframework.jdbc.datasource.SingleConnectionDataSource(
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", true);
		SpringLiquibase liquibase = new SpringLiquibase();
		liquibase.setDataSource(h2);
		liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.yaml");
		liquibase.setResourceLoader(new DefaultResourceLoader());
		liquibase.afterPropertiesSet();
		Deliveries outbox = new Deliveries(JdbcClient.create(h2));
		Notification notification = new Notification("transfer.failed", 1L, "export", "1", "c", null, null, "Failed",
				"m", null, null, "2026-01-01T00:00:00Z", null);
		outbox.add(NotificationEvent.TRANSFER_FAILED, notification, Deliveries.EMAIL, "ops@example.com", null, "{}");
		long id = outbox.due(10).get(0);
		outbox.claim(id, "node-a", Duration.ofMinutes(1)).orElseThrow();
		outbox.attemptFailed(id, 1, "535 authentication failed", LocalDateTime.now().minusSeconds(1));
		outbox.claim(id, "node-a", Duration.ofMinutes(1)).orElseThrow();
		outbox.delivered(id, 2);

		Delivery delivered = outbox.recent(10).get(0);
		assertThat(delivered.status()).isEqualTo("DELIVERED");
		assertThat(delivered.attempts()).isEqualTo(2);
		assertThat(delivered.lastError()).isEqualTo("535 authentication failed");
		assertThat(delivered.destination()).isEqualTo("ops@example.com");
	}

	private static long add(String url) {
		Notification notification = new Notification("transfer.failed", 1L, "export", "1", "c", null, null, "Failed",
				"m", null, null, "2026-01-01T00:00:00Z", null);
		deliveries.add(NotificationEvent.TRANSFER_FAILED, notification, Deliveries.WEBHOOK, url, null, "{}");
		return JdbcClient.create(dataSource).sql("SELECT MAX(ID) FROM FERRY_NOTIFY_DELIVERY").query(Long.class).single();
	}

	private static Delivery view(long id) {
		return deliveries.recent(1000).stream().filter((d) -> d.id().equals(Long.toString(id))).findFirst().orElseThrow();
	}

}
