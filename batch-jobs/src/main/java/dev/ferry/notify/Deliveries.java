package dev.ferry.notify;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code FERRY_NOTIFY_DELIVERY}, the outbox. A node takes a due delivery by a conditional update (a lease in
 * {@code CLAIMED_UNTIL}), so that among several nodes exactly one sends it; a node that dies while sending leaves a
 * lease that runs out, and the delivery is attempted again.
 */
@Repository
class Deliveries {

	static final String PENDING = "PENDING";

	static final String DELIVERED = "DELIVERED";

	static final String FAILED = "FAILED";

	static final String WEBHOOK = "webhook";

	static final String EMAIL = "email";

	private static final String SELECT = "SELECT ID, EVENT_NAME, RECORD_ID, SCHEDULE_ID, CHANNEL, DESTINATION,"
			+ " SECRET_ID, PAYLOAD, STATUS, ATTEMPTS, NEXT_ATTEMPT_AT, LAST_ERROR, CREATED_AT, UPDATED_AT"
			+ " FROM FERRY_NOTIFY_DELIVERY";

	private final JdbcClient jdbc;

	Deliveries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A delivery as a sender needs it. */
	record Due(long id, String event, String channel, String destination, @Nullable Long secretId, String payload,
			int attempts) {
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void add(NotificationEvent event, Notification notification, String channel, String destination,
			@Nullable Long secretId, String payload) {
		LocalDateTime now = LocalDateTime.now();
		this.jdbc.sql("INSERT INTO FERRY_NOTIFY_DELIVERY (EVENT_NAME, RECORD_ID, SCHEDULE_ID, CHANNEL, DESTINATION,"
				+ " SECRET_ID, PAYLOAD, STATUS, ATTEMPTS, NEXT_ATTEMPT_AT, CREATED_AT, UPDATED_AT)"
				+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)")
			.params(event.wireName(), notification.recordId(), notification.scheduleId(), channel, destination, secretId,
					payload, PENDING, now, now, now)
			.update();
	}

	/** Ids of deliveries due now and not leased, oldest first. */
	@Transactional(readOnly = true)
	List<Long> due(int limit) {
		LocalDateTime now = LocalDateTime.now();
		return this.jdbc.sql("SELECT ID FROM FERRY_NOTIFY_DELIVERY WHERE STATUS = ? AND NEXT_ATTEMPT_AT <= ?"
				+ " AND (CLAIMED_UNTIL IS NULL OR CLAIMED_UNTIL < ?) ORDER BY NEXT_ATTEMPT_AT, ID LIMIT ?")
			.params(PENDING, now, now, limit)
			.query(Long.class)
			.list();
	}

	/** Takes the delivery for this node for {@code lease}; empty if another node took it (or it is no longer due). */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	Optional<Due> claim(long id, String nodeId, Duration lease) {
		LocalDateTime now = LocalDateTime.now();
		int taken = this.jdbc.sql("UPDATE FERRY_NOTIFY_DELIVERY SET CLAIMED_BY = ?, CLAIMED_UNTIL = ? WHERE ID = ?"
				+ " AND STATUS = ? AND NEXT_ATTEMPT_AT <= ? AND (CLAIMED_UNTIL IS NULL OR CLAIMED_UNTIL < ?)")
			.params(nodeId, now.plus(lease), id, PENDING, now, now)
			.update();
		if (taken != 1) {
			return Optional.empty();
		}
		return this.jdbc.sql(SELECT + " WHERE ID = ?")
			.param(id)
			.query((rs, n) -> new Due(rs.getLong("ID"), rs.getString("EVENT_NAME"), rs.getString("CHANNEL"),
					rs.getString("DESTINATION"), rs.getObject("SECRET_ID") == null ? null : rs.getLong("SECRET_ID"),
					rs.getString("PAYLOAD"), rs.getInt("ATTEMPTS")))
			.optional();
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void delivered(long id, int attempts) {
		finish(id, DELIVERED, attempts, null, LocalDateTime.now());
	}

	/** The attempt failed: PENDING again at {@code next}, or FAILED if {@code next} is null (no attempts left). */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void attemptFailed(long id, int attempts, String error, @Nullable LocalDateTime next) {
		finish(id, next == null ? FAILED : PENDING, attempts, error, next == null ? LocalDateTime.now() : next);
	}

	private void finish(long id, String status, int attempts, @Nullable String error, LocalDateTime next) {
		// a delivered notification keeps the error of its last failed attempt: the console shows it was retried
		this.jdbc.sql("UPDATE FERRY_NOTIFY_DELIVERY SET STATUS = ?, ATTEMPTS = ?, LAST_ERROR = COALESCE(?, LAST_ERROR),"
				+ " NEXT_ATTEMPT_AT = ?,"
				+ " CLAIMED_BY = NULL, CLAIMED_UNTIL = NULL, UPDATED_AT = ? WHERE ID = ?")
			.params(status, attempts, error == null ? null : truncate(error), next, LocalDateTime.now(), id)
			.update();
	}

	/** The newest deliveries, newest first. */
	@Transactional(readOnly = true)
	List<Delivery> recent(int limit) {
		return this.jdbc.sql(SELECT + " ORDER BY ID DESC LIMIT ?").param(limit).query(Deliveries::view).list();
	}

	private static Delivery view(ResultSet rs, int n) throws SQLException {
		String channel = rs.getString("CHANNEL");
		String status = rs.getString("STATUS");
		return new Delivery(Long.toString(rs.getLong("ID")), rs.getString("EVENT_NAME"), text(rs, "RECORD_ID"),
				text(rs, "SCHEDULE_ID"), channel,
				WEBHOOK.equals(channel) ? origin(rs.getString("DESTINATION")) : rs.getString("DESTINATION"), status,
				rs.getInt("ATTEMPTS"), rs.getString("LAST_ERROR"),
				PENDING.equals(status) ? time(rs.getTimestamp("NEXT_ATTEMPT_AT")) : null,
				time(rs.getTimestamp("CREATED_AT")), time(rs.getTimestamp("UPDATED_AT")));
	}

	/** scheme://host[:port]/… : a webhook's path or query may be a token (chat services put one there). */
	static String origin(String url) {
		try {
			URI uri = URI.create(url);
			String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
			boolean more = (uri.getRawPath() != null && uri.getRawPath().length() > 1) || uri.getRawQuery() != null;
			return more ? origin + "/…" : origin;
		}
		catch (IllegalArgumentException ex) {
			return "(invalid URL)";
		}
	}

	private static @Nullable String text(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : Long.toString(value);
	}

	@SuppressWarnings("NullAway")
	private static OffsetDateTime time(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toLocalDateTime().atZone(ZoneId.systemDefault()).toOffsetDateTime();
	}

	private static String truncate(String text) {
		String line = text.replaceAll("\\s+", " ").strip();
		return line.length() <= 1000 ? line : line.substring(0, 999) + "…";
	}

}
