package dev.ferry.web.schedules;

import java.security.Principal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterService;
import dev.ferry.error.FerryException;
import dev.ferry.schedule.Schedule;
import dev.ferry.schedule.ScheduleDraft;
import dev.ferry.schedule.ScheduleService;
import dev.ferry.web.console.ConsoleController;

/**
 * Creating and changing a schedule: the form (every option of a one-off export, cron and zone, retention, enabled),
 * its live cron preview, and the POSTs. A refused form comes back with the values kept, the error next to its field,
 * and no secret in it.
 */
@ConsoleController
class ScheduleFormController {

	static final String VIEW = "schedules/form";

	private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().sorted().toList();

	private final ScheduleService schedules;

	private final ClusterService clusters;

	private final MessageSource messages;

	ScheduleFormController(ScheduleService schedules, ClusterService clusters, MessageSource messages) {
		this.schedules = schedules;
		this.clusters = clusters;
		this.messages = messages;
	}

	@GetMapping("/schedules/new")
	String create(Model model) {
		ScheduleForm form = new ScheduleForm();
		List<Cluster> all = this.clusters.list();
		if (!all.isEmpty()) {
			form.setClusterId(all.get(0).clusterId());
		}
		return show(form, null, model);
	}

	@PostMapping("/schedules/new")
	String create(@ModelAttribute("form") ScheduleForm form, BindingResult errors, Principal user,
			RedirectAttributes flash, Model model) {
		ScheduleDraft draft = check(form, errors);
		if (!errors.hasErrors()) {
			try {
				Schedule created = this.schedules.create(draft, user.getName());
				flash.addFlashAttribute("flashSuccess", text("schedules.created", created.name()));
				return "redirect:/schedules/" + created.scheduleId();
			}
			catch (FerryException ex) {
				ScheduleErrors.reject(ex, errors);
			}
		}
		return show(form, null, model);
	}

	@GetMapping("/schedules/{scheduleId}/edit")
	String edit(@PathVariable String scheduleId, Model model) {
		Schedule schedule = this.schedules.get(scheduleId);
		return show(ScheduleForm.of(schedule), schedule, model);
	}

	@PostMapping("/schedules/{scheduleId}/edit")
	String edit(@PathVariable String scheduleId, @ModelAttribute("form") ScheduleForm form, BindingResult errors,
			Principal user, RedirectAttributes flash, Model model) {
		Schedule schedule = this.schedules.get(scheduleId);
		ScheduleDraft draft = check(form, errors);
		if (!errors.hasErrors()) {
			try {
				Schedule changed = this.schedules.update(scheduleId, draft, user.getName());
				flash.addFlashAttribute("flashSuccess", text("schedules.changed", changed.name()));
				return "redirect:/schedules/" + changed.scheduleId();
			}
			catch (FerryException ex) {
				ScheduleErrors.reject(ex, errors);
			}
		}
		return show(form, schedule, model);
	}

	/**
	 * The cron expression in words and its next five fire times, or why it is not valid (as the form types); always
	 * 200, so that htmx swaps it in place rather than as an error.
	 */
	@GetMapping("/schedules/preview")
	String preview(@RequestParam(required = false) @Nullable String cron,
			@RequestParam(name = "timeZone", required = false) @Nullable String timeZone, Model model) {
		if (cron == null || cron.isBlank()) {
			return VIEW + " :: preview"; // nothing typed yet: nothing to explain
		}
		try {
			model.addAttribute("preview", this.schedules.describe(cron, timeZone));
		}
		catch (FerryException ex) {
			model.addAttribute("previewError", ex.getMessage());
		}
		return VIEW + " :: preview";
	}

	/** The form's own checks, and the cron and zone at once, so that they are reported along with a bad number. */
	private ScheduleDraft check(ScheduleForm form, BindingResult errors) {
		ScheduleDraft draft = form.toDraft(errors);
		if (draft.cron() != null) {
			try {
				this.schedules.describe(draft.cron(), draft.timeZone());
			}
			catch (FerryException ex) {
				ScheduleErrors.reject(ex, errors);
			}
		}
		return draft;
	}

	private String show(ScheduleForm form, @Nullable Schedule schedule, Model model) {
		form.forgetSecrets();
		List<String> zones = ZONES;
		if (!ZONES.contains(form.getTimeZone())) {
			zones = new ArrayList<>(ZONES);
			zones.add(0, form.getTimeZone());
		}
		model.addAttribute("form", form);
		model.addAttribute("schedule", schedule);
		model.addAttribute("clusters", this.clusters.list());
		model.addAttribute("zones", zones);
		model.addAttribute("serverZone", ZoneId.systemDefault().getId());
		if (form.getCron() != null && !form.getCron().isBlank()) {
			preview(form.getCron(), form.getTimeZone(), model);
		}
		return VIEW;
	}

	private String text(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
	}

}
