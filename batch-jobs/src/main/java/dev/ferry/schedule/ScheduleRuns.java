package dev.ferry.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code FERRY_SCHEDULE_RUN}, the run history, and the fire lock ({@code FERRY_SCHEDULE.FIRE_LOCK_UNTIL}) that lets
 * one fire of a schedule at a time – cron or run-now, on any node – check for overlap and launch.
 */
@Repository
class ScheduleRuns {

	private static final String SELECT = "SELECT ID, SCHEDULE_ID, FIRED_AT, SCHEDULED_FOR, TRIGGER_KIND, OUTCOME,"
			+ " RECORD_ID, MESSAGE, NODE_ID FROM FERRY_SCHEDULE_RUN";

	/** A fire that holds the lock longer than this (its node died) no longer blocks the next one. */
	static final java.time.Duration LOCK_LEASE = java.time.Duration.ofMinutes(2);

	private final JdbcClient jdbc;

	ScheduleRuns(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	boolean lock(long scheduleId) {
		LocalDateTime now = LocalDateTime.now();
		return this.jdbc.sql("UPDATE FERRY_SCHEDULE SET FIRE_LOCK_UNTIL = ? WHERE ID = ?"
				+ " AND (FIRE_LOCK_UNTIL IS NULL OR FIRE_LOCK_UNTIL < ?)")
			.params(now.plus(LOCK_LEASE), scheduleId, now)
			.update() == 1;
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	void unlock(long scheduleId) {
		this.jdbc.sql("UPDATE FERRY_SCHEDULE SET FIRE_LOCK_UNTIL = NULL WHERE ID = ?").param(scheduleId).update();
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	long record(long scheduleId, LocalDateTime firedAt, @Nullable LocalDateTime scheduledFor, String trigger,
			ScheduleRun.Outcome outcome, @Nullable Long recordId, @Nullable String message, String nodeId) {
		var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO FERRY_SCHEDULE_RUN (SCHEDULE_ID, FIRED_AT, SCHEDULED_FOR, TRIGGER_KIND, OUTCOME,"
				+ " RECORD_ID, MESSAGE, NODE_ID) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(scheduleId, firedAt, scheduledFor, trigger, outcome.name(), recordId,
					message == null ? null : message.length() > 2000 ? message.substring(0, 2000) : message, nodeId)
			.update(keys, "ID");
		return keys.getKeyAs(Number.class).longValue();
	}

	/** A schedule's runs, newest first (at most {@code limit}). */
	@Transactional(readOnly = true)
	List<ScheduleRun> list(long scheduleId, int limit) {
		return this.jdbc.sql(SELECT + " WHERE SCHEDULE_ID = ? ORDER BY ID DESC LIMIT ?")
			.params(scheduleId, limit)
			.query(this::run)
			.list();
	}

	/** The newest run of every schedule that has run, in one query. */
	@Transactional(readOnly = true)
	List<ScheduleRun> latest() {
		return this.jdbc.sql(SELECT + " WHERE ID IN (SELECT MAX(ID) FROM FERRY_SCHEDULE_RUN GROUP BY SCHEDULE_ID)")
			.query(this::run)
			.list();
	}

	private ScheduleRun run(ResultSet rs, int row) throws SQLException {
		return new ScheduleRun(Long.toString(rs.getLong("ID")), Long.toString(rs.getLong("SCHEDULE_ID")),
				time(rs.getTimestamp("FIRED_AT")), time(rs.getTimestamp("SCHEDULED_FOR")), rs.getString("TRIGGER_KIND"),
				rs.getString("OUTCOME"), rs.getObject("RECORD_ID") == null ? null : Long.toString(rs.getLong("RECORD_ID")),
				rs.getString("MESSAGE"), rs.getString("NODE_ID"), null);
	}

	@SuppressWarnings("NullAway")
	static OffsetDateTime time(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toLocalDateTime().atZone(ZoneId.systemDefault()).toOffsetDateTime();
	}

}
