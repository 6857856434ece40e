package dev.ferry.schedule;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.jspecify.annotations.Nullable;
import org.quartz.CronExpression;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.ferry.error.FerryException;

/**
 * Schedule metrics. Counters (this node): {@code ferry.schedule.fires} by trigger ({@code cron}, {@code manual})
 * and outcome ({@code launched}, {@code skipped}, {@code failed}), and {@code ferry.schedule.misfires} (fire times
 * Quartz found missed, e.g. while every node was down; each is then made up once). Gauges per enabled schedule,
 * tagged with its id and name (bounded: as many as there are schedules), from the shared database so every node
 * reports the same: {@code ferry.schedule.last.fire.timestamp} (its last fire, any trigger) and
 * {@code ferry.schedule.due.timestamp} (the first cron time after its last cron fire or its last change or
 * resume: in the past means it did not fire when due). Refreshed every 30 s and after each fire on this node.
 */
@Component
class ScheduleMetrics {

	private static final Logger log = LoggerFactory.getLogger(ScheduleMetrics.class);

	private static final String LAST_FIRES = """
			SELECT SCHEDULE_ID, MAX(FIRED_AT) AS LAST_FIRE,
			       MAX(CASE WHEN TRIGGER_KIND = 'CRON' THEN COALESCE(SCHEDULED_FOR, FIRED_AT) END) AS LAST_CRON
			FROM FERRY_SCHEDULE_RUN GROUP BY SCHEDULE_ID""";

	private final MeterRegistry registry;

	private final ScheduleStore store;

	private final JdbcClient jdbc;

	private final Counter misfires;

	private final MultiGauge lastFire;

	private final MultiGauge due;

	ScheduleMetrics(MeterRegistry registry, ScheduleStore store, JdbcClient jdbc) {
		this.registry = registry;
		this.store = store;
		this.jdbc = jdbc;
		for (String trigger : new String[] { ScheduleLauncher.CRON, ScheduleLauncher.MANUAL }) {
			for (ScheduleRun.Outcome outcome : ScheduleRun.Outcome.values()) {
				fires(trigger, outcome);
			}
		}
		this.misfires = Counter.builder("ferry.schedule.misfires")
			.description("Schedule fire times that Quartz found missed (made up once now)")
			.register(registry);
		this.lastFire = MultiGauge.builder("ferry.schedule.last.fire.timestamp")
			.description("When the schedule last fired (cron or run now), epoch seconds")
			.baseUnit("seconds")
			.register(registry);
		this.due = MultiGauge.builder("ferry.schedule.due.timestamp")
			.description("When the enabled schedule is next due by its cron expression, counted from its last cron "
					+ "fire or change; in the past: it did not fire when due. Epoch seconds")
			.baseUnit("seconds")
			.register(registry);
	}

	/** A fire's outcome, as {@link ScheduleLauncher} records it in the run history. */
	void fired(String trigger, ScheduleRun.Outcome outcome) {
		fires(trigger, outcome).increment();
		refresh();
	}

	private Counter fires(String trigger, ScheduleRun.Outcome outcome) {
		return Counter.builder("ferry.schedule.fires")
			.description("Schedule fires handled by this node, by trigger and outcome")
			.tag("trigger", trigger.toLowerCase(Locale.ROOT))
			.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
			.register(this.registry);
	}

	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(fixedDelay = 30_000, initialDelay = 30_000)
	void refresh() {
		try {
			Map<Long, LocalDateTime[]> fires = new HashMap<>();
			this.jdbc.sql(LAST_FIRES)
				.query((rs, n) -> fires.put(rs.getLong(1),
						new LocalDateTime[] { local(rs.getTimestamp(2)), local(rs.getTimestamp(3)) }))
				.list();
			List<MultiGauge.Row<?>> lastFires = new ArrayList<>();
			List<MultiGauge.Row<?>> dues = new ArrayList<>();
			for (StoredSchedule schedule : this.store.list()) {
				if (!schedule.enabled()) {
					continue;
				}
				Tags tags = Tags.of("schedule_id", Long.toString(schedule.id()), "schedule", schedule.name());
				LocalDateTime[] last = fires.getOrDefault(schedule.id(), new LocalDateTime[2]);
				if (last[0] != null) {
					lastFires.add(MultiGauge.Row.of(tags, epochSeconds(last[0])));
				}
				Double dueAt = due(schedule, last[1]);
				if (dueAt != null) {
					dues.add(MultiGauge.Row.of(tags, dueAt));
				}
			}
			this.lastFire.register(lastFires, true);
			this.due.register(dues, true);
		}
		catch (RuntimeException ex) {
			log.warn("Could not refresh the schedule metrics: {}", ex.getMessage());
		}
	}

	/** The first cron time after the later of the last cron fire and the last change (or resume). */
	private static @Nullable Double due(StoredSchedule schedule, @Nullable LocalDateTime lastCron) {
		LocalDateTime since = (lastCron != null && lastCron.isAfter(schedule.updatedAt())) ? lastCron
				: schedule.updatedAt();
		try {
			CronExpression cron = CronRules.parse(schedule.cron(), CronRules.zone(schedule.timeZone()));
			Date next = cron.getNextValidTimeAfter(Date.from(since.atZone(ZoneId.systemDefault()).toInstant()));
			return next == null ? null : next.getTime() / 1000.0;
		}
		catch (FerryException ex) {
			return null;
		}
	}

	private static @Nullable LocalDateTime local(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toLocalDateTime();
	}

	private static double epochSeconds(LocalDateTime time) {
		return time.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli() / 1000.0;
	}

	/** A schedule's trigger misfired ({@link ScheduleMisfires}, Ferry's one Quartz trigger listener, says so). */
	void misfired() {
		this.misfires.increment();
	}

}
