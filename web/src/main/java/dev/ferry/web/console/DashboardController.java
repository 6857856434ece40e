package dev.ferry.web.console;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterService;
import dev.ferry.record.ExportHistoryQuery;
import dev.ferry.record.RecordFilter;
import dev.ferry.record.RecordStatus;
import dev.ferry.record.TransportRecordQuery;
import dev.ferry.schedule.Schedule;
import dev.ferry.schedule.ScheduleService;
import dev.ferry.web.charts.DailyExports;
import dev.ferry.web.settings.HealthChecks;

/**
 * The dashboard: what runs now, what failed lately, which schedules fire next, and whether the tools and storage
 * roots are usable.
 */
@ConsoleController
class DashboardController {

	static final int RECENT = 8;

	static final int NEXT_RUNS = 5;

	private final TransportRecordQuery records;

	private final HealthChecks health;

	private final ScheduleService schedules;

	private final ClusterService clusters;

	private final ExportHistoryQuery history;

	DashboardController(TransportRecordQuery records, HealthChecks health, ScheduleService schedules,
			ClusterService clusters, ExportHistoryQuery history) {
		this.records = records;
		this.health = health;
		this.schedules = schedules;
		this.clusters = clusters;
		this.history = history;
	}

	@GetMapping("/")
	String dashboard(Model model) {
		model.addAttribute("running", this.records.find(filter(RecordStatus.Processing)).records());
		model.addAttribute("queued", this.records.find(filter(RecordStatus.Queued)).records());
		model.addAttribute("failures", this.records.find(filter(RecordStatus.Failed)).records());
		model.addAttribute("tools", this.health.tools());
		model.addAttribute("storage", this.health.storage());
		model.addAttribute("nextRuns", nextRuns());
		java.time.ZoneId zone = java.time.ZoneId.systemDefault();
		java.time.LocalDate today = java.time.LocalDate.now(zone);
		model.addAttribute("sparklines", DailyExports.of(this.history.endedSince(
				today.minusDays(DailyExports.DAYS - 1).atStartOfDay(zone).toInstant()), today, zone));
		return "dashboard";
	}

	/** The next fires across enabled schedules, soonest first (a paused schedule has no fire times). */
	private List<NextRun> nextRuns() {
		List<Schedule> all = this.schedules.list();
		if (all.isEmpty()) {
			return List.of();
		}
		Map<String, String> names = this.clusters.list()
			.stream()
			.collect(Collectors.toMap(Cluster::clusterId, Cluster::name, (a, b) -> a));
		return all.stream()
			.filter(Schedule::enabled)
			.flatMap((s) -> s.nextFireTimes()
				.stream()
				.map((at) -> new NextRun(s.scheduleId(), s.name(), names.getOrDefault(s.clusterId(), "#" + s.clusterId()),
						at)))
			.sorted(Comparator.comparing((NextRun run) -> run.at().toInstant()))
			.limit(NEXT_RUNS)
			.toList();
	}

	private static RecordFilter filter(RecordStatus status) {
		return new RecordFilter(1, RECENT, null, null, null, null, null, status, null);
	}

}
