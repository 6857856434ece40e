package dev.ferry.web.schedules;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterService;
import dev.ferry.schedule.ScheduleRun;
import dev.ferry.schedule.ScheduleService;
import dev.ferry.web.console.ConsoleController;

/**
 * The schedule list, as JobRunr lists recurring jobs: cron in words, zone, next run, last outcome, retention, state,
 * and the actions valid for each schedule's state.
 */
@ConsoleController
class SchedulesController {

	private final ScheduleService schedules;

	private final ClusterService clusters;

	SchedulesController(ScheduleService schedules, ClusterService clusters) {
		this.schedules = schedules;
		this.clusters = clusters;
	}

	@GetMapping("/schedules")
	String list(Model model) {
		Map<String, String> names = this.clusters.list()
			.stream()
			.collect(Collectors.toMap(Cluster::clusterId, Cluster::name, (a, b) -> a));
		Map<String, ScheduleRun> lastRuns = this.schedules.lastRuns();
		List<ScheduleRow> rows = this.schedules.list()
			.stream()
			.map((s) -> new ScheduleRow(s, names.getOrDefault(s.clusterId(), "#" + s.clusterId()),
					lastRuns.get(s.scheduleId())))
			.toList();
		model.addAttribute("rows", rows);
		return "schedules/list";
	}

}
