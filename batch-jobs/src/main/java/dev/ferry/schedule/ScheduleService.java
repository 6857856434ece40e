package dev.ferry.schedule;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ferry.audit.AuditLog;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.record.TransportRecord;
import dev.ferry.record.TransportRecordQuery;
import dev.ferry.transfer.ExportRequest;
import dev.ferry.transfer.TransferService;

/**
 * Recurring exports: create, read, change, pause, resume, delete, run now, and each schedule's run history. A
 * schedule's export is checked exactly like a one-off export before it is saved; its secrets are stored encrypted.
 */
@Service
public class ScheduleService {

	static final int NEXT_FIRE_TIMES = 5;

	private final ScheduleStore store;

	private final ScheduleSecrets secrets;

	private final ScheduleTriggers triggers;

	private final ScheduleLauncher launcher;

	private final ScheduleRuns runs;

	private final TransferService transfers;

	private final TransportRecordQuery records;

	private final AuditLog audit;

	private final TransactionTemplate transaction;

	private final Duration minInterval;

	private final ScheduleDrills drills;

	ScheduleService(ScheduleStore store, ScheduleSecrets secrets, ScheduleTriggers triggers, ScheduleLauncher launcher,
			ScheduleRuns runs, TransferService transfers, TransportRecordQuery records, AuditLog audit,
			TransactionTemplate transaction, ScheduleProperties properties, ScheduleDrills drills) {
		this.minInterval = properties.minInterval();
		this.drills = drills;
		this.store = store;
		this.secrets = secrets;
		this.triggers = triggers;
		this.launcher = launcher;
		this.runs = runs;
		this.transfers = transfers;
		this.records = records;
		this.audit = audit;
		this.transaction = transaction;
	}

	public List<Schedule> list() {
		Map<Long, ScheduleDrill> drills = this.drills.all();
		return this.store.list().stream().map((s) -> view(s).withDrill(drills.get(s.id()))).toList();
	}

	public Schedule get(String scheduleId) {
		return withDrill(find(scheduleId));
	}

	public Schedule create(ScheduleDraft draft, String actor) {
		ScheduleValidator.Checked checked = ScheduleValidator.check(draft, this.minInterval);
		this.transfers.checkExport(checked.export());
		this.drills.check(draft.drill());
		StoredSchedule saved = this.transaction.execute((status) -> {
			checkName(checked.name(), null);
			ScheduleSecrets.Ids ids = this.secrets.store(checked.export());
			LocalDateTime now = LocalDateTime.now();
			StoredSchedule schedule = stored(0, checked, ids, actor, now, now);
			long id = this.store.insert(schedule);
			schedule = this.store.find(id).orElseThrow();
			this.drills.save(id, draft.drill());
			this.triggers.sync(schedule);
			return schedule;
		});
		this.audit.record(actor, "schedule.create", "schedule " + saved.id(), saved.name() + ": " + saved.cron());
		return withDrill(saved);
	}

	/** Replaces every field; an omitted secret keeps the stored one (see {@link ScheduleSecrets#keepOmitted}). */
	public Schedule update(String scheduleId, ScheduleDraft draft, String actor) {
		StoredSchedule old = find(scheduleId);
		ScheduleValidator.Checked checked = ScheduleValidator.check(draft, this.minInterval);
		ExportRequest export = this.secrets.keepOmitted(checked.export(), old);
		this.transfers.checkExport(export);
		this.drills.check(draft.drill());
		StoredSchedule saved = this.transaction.execute((status) -> {
			checkName(checked.name(), old.id());
			this.secrets.delete(old);
			ScheduleSecrets.Ids ids = this.secrets.store(export);
			StoredSchedule schedule = stored(old.id(), withExport(checked, export), ids, old.createdBy(), old.createdAt(),
					LocalDateTime.now());
			this.store.update(schedule);
			this.drills.save(old.id(), draft.drill());
			this.triggers.sync(schedule);
			return schedule;
		});
		this.audit.record(actor, "schedule.update", "schedule " + saved.id(), saved.name() + ": " + saved.cron());
		return withDrill(this.store.find(saved.id()).orElseThrow());
	}

	public Schedule pause(String scheduleId, String actor) {
		return setEnabled(scheduleId, false, actor);
	}

	public Schedule resume(String scheduleId, String actor) {
		return setEnabled(scheduleId, true, actor);
	}

	public void delete(String scheduleId, String actor) {
		StoredSchedule schedule = find(scheduleId);
		this.audit.record(actor, "schedule.delete", "schedule " + schedule.id(), schedule.name());
		this.transaction.executeWithoutResult((status) -> {
			this.triggers.delete(schedule.id());
			this.store.delete(schedule.id());
			this.secrets.delete(schedule);
		});
	}

	/** Fires the schedule now (also a paused one), on this node; the run says what came of it. */
	public ScheduleRun runNow(String scheduleId, String actor) {
		StoredSchedule schedule = find(scheduleId);
		this.audit.record(actor, "schedule.run", "schedule " + schedule.id(), schedule.name());
		long runId = this.launcher.fire(schedule.id(), ScheduleLauncher.MANUAL, null).orElseThrow(() -> notFound(scheduleId));
		return history(scheduleId).stream().filter((run) -> run.runId().equals(Long.toString(runId))).findFirst()
			.orElseThrow();
	}

	/** The schedule's runs, newest first (the last 200), each with its record's status now. */
	public List<ScheduleRun> history(String scheduleId) {
		StoredSchedule schedule = find(scheduleId);
		Map<String, String> statuses = new HashMap<>();
		for (TransportRecord record : this.records.ofSchedule(schedule.id())) {
			statuses.put(record.recordId(), record.status());
		}
		return this.runs.list(schedule.id(), 200).stream()
			.map((run) -> run.recordId() == null ? run : new ScheduleRun(run.runId(), run.scheduleId(), run.firedAt(),
					run.scheduledFor(), run.trigger(), run.outcome(), run.recordId(), run.message(), run.nodeId(),
					statuses.getOrDefault(run.recordId(), "Deleted")))
			.toList();
	}

	/**
	 * The newest run of each schedule, by schedule id, without its record's status (one query for a whole list;
	 * {@link #history} has the statuses).
	 */
	public Map<String, ScheduleRun> lastRuns() {
		return this.runs.latest().stream().collect(Collectors.toMap(ScheduleRun::scheduleId, (run) -> run));
	}

	/** A cron expression in words and its next five fire times; PARAMETER_INVALID if cron or zone is wrong. */
	public CronDescription describe(String cron, @Nullable String timeZone) {
		return CronRules.describe(cron, CronRules.zone(timeZone), NEXT_FIRE_TIMES);
	}

	/** The next {@code count} fire times of a cron expression in a zone. */
	public List<OffsetDateTime> nextFireTimes(String cron, @Nullable String timeZone, int count) {
		return CronRules.describe(cron, CronRules.zone(timeZone), count).nextFireTimes();
	}

	private Schedule setEnabled(String scheduleId, boolean enabled, String actor) {
		StoredSchedule schedule = find(scheduleId);
		this.audit.record(actor, enabled ? "schedule.resume" : "schedule.pause", "schedule " + schedule.id(),
				schedule.name());
		this.transaction.executeWithoutResult((status) -> {
			this.store.setEnabled(schedule.id(), enabled);
			this.triggers.sync(this.store.find(schedule.id()).orElseThrow());
		});
		return withDrill(this.store.find(schedule.id()).orElseThrow());
	}

	private StoredSchedule find(String scheduleId) {
		long id;
		try {
			id = Long.parseLong(scheduleId.strip());
		}
		catch (NumberFormatException ex) {
			throw notFound(scheduleId);
		}
		return this.store.find(id).orElseThrow(() -> notFound(scheduleId));
	}

	private void checkName(String name, @Nullable Long except) {
		if (this.store.nameTaken(name, except)) {
			throw FerryException.invalid("a schedule named '" + name + "' already exists; choose another name");
		}
	}

	private static FerryException notFound(String scheduleId) {
		return new FerryException(ErrorCode.SCHEDULE_NOT_FOUND, "schedule " + scheduleId + " not found");
	}

	private static ScheduleValidator.Checked withExport(ScheduleValidator.Checked checked, ExportRequest export) {
		return new ScheduleValidator.Checked(checked.name(), checked.cron(), checked.zone(), checked.enabled(),
				checked.keepLast(), checked.maxAgeSeconds(), export);
	}

	private static StoredSchedule stored(long id, ScheduleValidator.Checked c, ScheduleSecrets.Ids ids,
			String createdBy, LocalDateTime createdAt, LocalDateTime updatedAt) {
		ExportRequest e = c.export();
		return new StoredSchedule(id, c.name(), Long.parseLong(e.clusterId().strip()), c.cron(), c.zone().getId(),
				c.enabled(), c.keepLast(), c.maxAgeSeconds(), e.userName(), ids.password(), e.fileType().strip()
					.toLowerCase(java.util.Locale.ROOT), blankToNull(e.filter()), blankToNull(e.sql()),
				e.storageType().strip().toLowerCase(java.util.Locale.ROOT), blankToNull(e.zipName()),
				blankToNull(e.endpointUrl()), blankToNull(e.bucketUrl()), ids.s3(), blankToNull(e.comment()),
				blankToNull(e.toolChain()), createdBy, createdAt, updatedAt);
	}

	private Schedule withDrill(StoredSchedule s) {
		return view(s).withDrill(this.drills.find(s.id()).orElse(null));
	}

	static Schedule view(StoredSchedule s) {
		ZoneId zone = CronRules.zone(s.timeZone());
		CronDescription cron = CronRules.describe(s.cron(), zone, NEXT_FIRE_TIMES);
		return new Schedule(Long.toString(s.id()), s.name(), Long.toString(s.clusterId()), s.cron(), s.timeZone(),
				cron.description(), s.enabled() ? cron.nextFireTimes() : List.of(), s.enabled(), s.keepLast(),
				s.maxAgeSeconds() == null ? null : Duration.ofSeconds(s.maxAgeSeconds()).toString(),
				new Schedule.Options(s.userName(), s.passwordSecretId() != null, s.fileType(), s.filter(), s.sql(),
						s.storageType(), s.zipName(), s.endpointUrl(), s.bucketUrl(), s.s3SecretId() != null, s.comment(),
						s.toolChain()),
				s.createdBy(), time(s.createdAt()), time(s.updatedAt()));
	}

	private static OffsetDateTime time(LocalDateTime time) {
		return time.atZone(ZoneId.systemDefault()).toOffsetDateTime();
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value;
	}

}
