package dev.ferry.notify;

import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.ferry.secret.SecretStore;

/**
 * Hourly: removes the targets (and webhook secrets) of deleted schedules, and deliveries settled more than 30 days
 * ago. Idempotent, so every node may run it.
 */
@Component
class NotificationCleanup {

	private static final Logger log = LoggerFactory.getLogger(NotificationCleanup.class);

	static final int KEEP_DAYS = 30;

	private final JdbcClient jdbc;

	private final SecretStore secrets;

	NotificationCleanup(JdbcClient jdbc, SecretStore secrets) {
		this.jdbc = jdbc;
		this.secrets = secrets;
	}

	@Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT1H")
	void clean() {
		try {
			this.jdbc.sql("SELECT SCOPE_KEY, WEBHOOK_SECRET_ID FROM FERRY_NOTIFY_TARGET WHERE SCOPE_KEY LIKE 'schedule:%'")
				.query((rs) -> {
					String scope = rs.getString(1);
					long secretId = rs.getLong(2);
					boolean hasSecret = !rs.wasNull();
					long scheduleId = Long.parseLong(scope.substring("schedule:".length()));
					long exists = this.jdbc.sql("SELECT COUNT(*) FROM FERRY_SCHEDULE WHERE ID = ?")
						.param(scheduleId)
						.query(Long.class)
						.single();
					if (exists == 0) {
						this.jdbc.sql("DELETE FROM FERRY_NOTIFY_TARGET WHERE SCOPE_KEY = ?").param(scope).update();
						if (hasSecret) {
							this.secrets.delete(secretId);
						}
					}
				});
			this.jdbc.sql("DELETE FROM FERRY_NOTIFY_DELIVERY WHERE STATUS <> ? AND UPDATED_AT < ?")
				.params(Deliveries.PENDING, LocalDateTime.now().minusDays(KEEP_DAYS))
				.update();
		}
		catch (RuntimeException ex) {
			log.warn("Could not clean up notifications: {}", ex.getMessage());
		}
	}

}
