package dev.ferry.schedule;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.ferry.error.FerryException;
import dev.ferry.transfer.RestoreDrills;
import dev.ferry.transfer.TransferEnded;

/**
 * Schedules' restore drills ({@code FERRY_SCHEDULE_DRILL}, one row per schedule that has one): checked and saved with
 * the schedule, and started after each of the schedule's exports that finished.
 */
@Component
class ScheduleDrills {

	private final JdbcClient jdbc;

	private final RestoreDrills drills;

	ScheduleDrills(JdbcClient jdbc, RestoreDrills drills) {
		this.jdbc = jdbc;
		this.drills = drills;
	}

	/** Checks a draft's drill: the cluster exists and takes drills (clear 4xx otherwise). */
	static void check(@Nullable ScheduleDrill drill, RestoreDrills drills) {
		if (drill == null) {
			return;
		}
		if (drill.clusterId() == null || drill.clusterId().isBlank()) {
			throw FerryException.invalid("drill.clusterId is required: the cluster restore drills load into "
					+ "(omit drill for none)");
		}
		drills.checkDrillCluster(drill.clusterId().strip());
	}

	void check(@Nullable ScheduleDrill drill) {
		check(drill, this.drills);
	}

	/** Replaces the schedule's drill; the caller holds the transaction. */
	void save(long scheduleId, @Nullable ScheduleDrill drill) {
		this.jdbc.sql("DELETE FROM FERRY_SCHEDULE_DRILL WHERE SCHEDULE_ID = ?").param(scheduleId).update();
		if (drill != null && drill.clusterId() != null) {
			this.jdbc.sql("INSERT INTO FERRY_SCHEDULE_DRILL (SCHEDULE_ID, DRILL_CLUSTER_ID, DROP_AFTER) VALUES (?, ?, ?)")
				.params(scheduleId, Long.parseLong(drill.clusterId().strip()), drill.drops())
				.update();
		}
	}

	Optional<ScheduleDrill> find(long scheduleId) {
		return this.jdbc.sql("SELECT DRILL_CLUSTER_ID, DROP_AFTER FROM FERRY_SCHEDULE_DRILL WHERE SCHEDULE_ID = ?")
			.param(scheduleId)
			.query((rs, n) -> new ScheduleDrill(Long.toString(rs.getLong(1)), rs.getBoolean(2)))
			.optional();
	}

	Map<Long, ScheduleDrill> all() {
		return this.jdbc.sql("SELECT SCHEDULE_ID, DRILL_CLUSTER_ID, DROP_AFTER FROM FERRY_SCHEDULE_DRILL")
			.query((rs, n) -> Map.entry(rs.getLong(1), new ScheduleDrill(Long.toString(rs.getLong(2)), rs.getBoolean(3))))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	@EventListener
	void exportEnded(TransferEnded ended) {
		if (!ended.export() || !ended.completed() || ended.scheduleId() == null) {
			return;
		}
		long scheduleId = ended.scheduleId();
		find(scheduleId).ifPresent((drill) -> this.drills.afterScheduledExport(ended.recordId(), drill.clusterId(),
				drill.drops(), scheduleId));
	}

}
