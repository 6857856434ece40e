package dev.ferry.transfer;

import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** {@code FERRY_RESTORE_DRILL}: the latest drill of each export record (a new drill replaces the row). */
@Repository
class RestoreDrillStore {

	enum State {

		RUNNING, RESTORABLE, NOT_RESTORABLE, NOT_STARTED

	}

	private static final int MAX_SUMMARY = 2000;

	private final JdbcClient jdbc;

	RestoreDrillStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional
	void save(long exportRecordId, @Nullable Long drillRecordId, String drillClusterId, @Nullable Long scheduleId,
			State state, String summary, @Nullable Integer tables, @Nullable Long rows) {
		this.jdbc.sql("DELETE FROM FERRY_RESTORE_DRILL WHERE EXPORT_RECORD_ID = ?").param(exportRecordId).update();
		this.jdbc.sql("""
				INSERT INTO FERRY_RESTORE_DRILL (EXPORT_RECORD_ID, DRILL_RECORD_ID, DRILL_CLUSTER_ID, SCHEDULE_ID, STATE,
				SUMMARY, TABLE_COUNT, ROW_COUNT, UPDATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(exportRecordId, drillRecordId, drillClusterId, scheduleId, state.name(),
					summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…", tables,
					rows, LocalDateTime.now())
			.update();
	}

}
