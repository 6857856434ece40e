package dev.ferry.web.schedules;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ferry.cluster.ClusterService;
import dev.ferry.error.FerryException;
import dev.ferry.record.ExportHistoryQuery;
import dev.ferry.schedule.Schedule;
import dev.ferry.schedule.ScheduleRun;
import dev.ferry.schedule.ScheduleService;
import dev.ferry.web.charts.ExportCharts;
import dev.ferry.web.console.ConsoleController;

/**
 * One schedule: its detail page with the run history (newest first), and the actions pause, resume, run now and
 * delete. Actions answer with a redirect back to the page they came from (htmx follows it as a client-side redirect),
 * carrying a flash message.
 */
@ConsoleController
class ScheduleController {

	private final ScheduleService schedules;

	private final ClusterService clusters;

	private final MessageSource messages;

	private final ExportHistoryQuery history;

	ScheduleController(ScheduleService schedules, ClusterService clusters, MessageSource messages,
			ExportHistoryQuery history) {
		this.schedules = schedules;
		this.clusters = clusters;
		this.messages = messages;
		this.history = history;
	}

	@GetMapping("/schedules/{scheduleId}")
	String detail(@PathVariable String scheduleId, Model model) {
		Schedule schedule = this.schedules.get(scheduleId);
		String clusterName;
		try {
			clusterName = this.clusters.get(schedule.clusterId()).name();
		}
		catch (FerryException ex) {
			clusterName = "#" + schedule.clusterId();
		}
		List<ScheduleRun> runs = this.schedules.history(scheduleId);
		model.addAttribute("row", new ScheduleRow(schedule, clusterName, runs.isEmpty() ? null : runs.get(0)));
		model.addAttribute("runs", runs);
		model.addAttribute("history", ExportCharts.of("schedule-" + schedule.scheduleId(), schedule.name(),
				this.history.ofSchedule(schedule.scheduleId(), ExportCharts.RUNS)));
		return "schedules/detail";
	}

	@PostMapping("/schedules/{scheduleId}/pause")
	String pause(@PathVariable String scheduleId, Principal user, RedirectAttributes flash,
			@RequestHeader(name = "HX-Current-URL", required = false) @Nullable String from) {
		Schedule schedule = this.schedules.pause(scheduleId, user.getName());
		flash.addFlashAttribute("flashSuccess", text("schedules.paused", schedule.name()));
		return back(from, "/schedules");
	}

	@PostMapping("/schedules/{scheduleId}/resume")
	String resume(@PathVariable String scheduleId, Principal user, RedirectAttributes flash,
			@RequestHeader(name = "HX-Current-URL", required = false) @Nullable String from) {
		Schedule schedule = this.schedules.resume(scheduleId, user.getName());
		flash.addFlashAttribute("flashSuccess", text("schedules.resumed", schedule.name()));
		return back(from, "/schedules");
	}

	@PostMapping("/schedules/{scheduleId}/run")
	String run(@PathVariable String scheduleId, Principal user, RedirectAttributes flash,
			@RequestHeader(name = "HX-Current-URL", required = false) @Nullable String from) {
		ScheduleRun run = this.schedules.runNow(scheduleId, user.getName());
		if (ScheduleRun.Outcome.LAUNCHED.name().equals(run.outcome())) {
			flash.addFlashAttribute("flashSuccess", text("schedules.launched", run.recordId()));
		}
		else {
			flash.addFlashAttribute("flashError", text("schedules.notLaunched", run.outcome(), run.message()));
		}
		return back(from, "/schedules/" + scheduleId);
	}

	@PostMapping("/schedules/{scheduleId}/delete")
	String delete(@PathVariable String scheduleId, Principal user, RedirectAttributes flash,
			@RequestHeader(name = "HX-Current-URL", required = false) @Nullable String from) {
		String name = this.schedules.get(scheduleId).name();
		this.schedules.delete(scheduleId, user.getName());
		flash.addFlashAttribute("flashSuccess", text("schedules.deleted", name));
		String detail = "/schedules/" + scheduleId;
		String path = from == null ? null : URI.create(from).getPath();
		if (path != null && (path.equals(detail) || path.startsWith(detail + "/"))) {
			return "redirect:htmx:/schedules"; // its own page is gone
		}
		return back(from, "/schedules");
	}

	/**
	 * Back to where the action was clicked (only a schedule page or the dashboard), else to {@code fallback}. htmx
	 * (which sends {@code HX-Current-URL}) gets {@code HX-Redirect}; a plain form post a 302.
	 */
	private static String back(@Nullable String from, String fallback) {
		if (from == null) {
			return "redirect:" + fallback;
		}
		URI uri = URI.create(from);
		String path = uri.getRawPath();
		boolean ours = path != null && (path.startsWith("/schedules") || path.equals("/"));
		return "redirect:htmx:" + (ours ? path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) : fallback);
	}

	private String text(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
	}

}
