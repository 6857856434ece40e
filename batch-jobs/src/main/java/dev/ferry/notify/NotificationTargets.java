package dev.ferry.notify;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@code FERRY_NOTIFY_TARGET}: one row per scope, {@code global} or {@code schedule:<id>}. */
@Repository
class NotificationTargets {

	static final String GLOBAL = "global";

	private final JdbcClient jdbc;

	NotificationTargets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	static String ofSchedule(long scheduleId) {
		return "schedule:" + scheduleId;
	}

	/** A target as stored: the secret only by id. */
	record Stored(String scope, Set<NotificationEvent> events, @Nullable String webhookUrl, @Nullable Long secretId,
			@Nullable String emailTo, @Nullable String updatedBy, @Nullable LocalDateTime updatedAt) {

		static Stored none(String scope) {
			return new Stored(scope, NotificationEvent.defaults(), null, null, null, null, null);
		}

		NotificationTarget view() {
			return new NotificationTarget(this.events.stream().map(NotificationEvent::wireName).toList(),
					this.webhookUrl, this.secretId != null, this.emailTo, this.updatedBy,
					this.updatedAt == null ? null : this.updatedAt.atZone(ZoneId.systemDefault()).toOffsetDateTime());
		}

		boolean wants(NotificationEvent event) {
			return this.events.contains(event);
		}

	}

	@Transactional(readOnly = true)
	Optional<Stored> find(String scope) {
		return this.jdbc.sql("SELECT SCOPE_KEY, EVENTS, WEBHOOK_URL, WEBHOOK_SECRET_ID, EMAIL_TO, UPDATED_BY, UPDATED_AT"
				+ " FROM FERRY_NOTIFY_TARGET WHERE SCOPE_KEY = ?")
			.param(scope)
			.query(NotificationTargets::row)
			.optional();
	}

	@Transactional
	void save(Stored target) {
		this.jdbc.sql("DELETE FROM FERRY_NOTIFY_TARGET WHERE SCOPE_KEY = ?").param(target.scope()).update();
		this.jdbc.sql("INSERT INTO FERRY_NOTIFY_TARGET (SCOPE_KEY, EVENTS, WEBHOOK_URL, WEBHOOK_SECRET_ID, EMAIL_TO,"
				+ " UPDATED_BY, UPDATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?)")
			.params(target.scope(), target.events().stream().map(Enum::name).collect(Collectors.joining(",")),
					target.webhookUrl(), target.secretId(), target.emailTo(), target.updatedBy(), target.updatedAt())
			.update();
	}

	private static Stored row(ResultSet rs, int n) throws SQLException {
		Set<NotificationEvent> events = EnumSet.noneOf(NotificationEvent.class);
		Arrays.stream(rs.getString("EVENTS").split(","))
			.filter((name) -> !name.isBlank())
			.forEach((name) -> events.add(NotificationEvent.valueOf(name)));
		long secret = rs.getLong("WEBHOOK_SECRET_ID");
		Long secretId = rs.wasNull() ? null : secret;
		var updated = rs.getTimestamp("UPDATED_AT");
		return new Stored(rs.getString("SCOPE_KEY"), events, rs.getString("WEBHOOK_URL"), secretId,
				rs.getString("EMAIL_TO"), rs.getString("UPDATED_BY"), updated == null ? null : updated.toLocalDateTime());
	}

}
