package dev.ferry.web.notifications;

import java.security.Principal;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ferry.error.FerryException;
import dev.ferry.notify.NotificationEvent;
import dev.ferry.notify.NotificationService;
import dev.ferry.notify.NotificationTarget;
import dev.ferry.notify.NotificationTargetDraft;
import dev.ferry.schedule.ScheduleService;
import dev.ferry.web.console.ConsoleController;

/**
 * {@code /notifications}: the global target (changed by ADMINs) and the recent deliveries;
 * {@code /schedules/{id}/notifications}: a schedule's own target. A refused value re-renders the form with the
 * message (400), keeping what was typed except the secret.
 */
@ConsoleController
class NotificationsController {

	private static final int RECENT = 100;

	private final NotificationService notifications;

	private final ScheduleService schedules;

	NotificationsController(NotificationService notifications, ScheduleService schedules) {
		this.notifications = notifications;
		this.schedules = schedules;
	}

	@GetMapping("/notifications")
	String page(Model model, Authentication user) {
		NotificationTarget target = this.notifications.global();
		return show(model, has(user, "ROLE_ADMIN") ? target : target.withoutWebhookPath(), null);
	}

	@PostMapping("/notifications")
	String save(@RequestParam(name = "events", required = false) @Nullable List<String> events,
			@RequestParam(required = false) @Nullable String webhookUrl,
			@RequestParam(required = false) @Nullable String webhookSecret,
			@RequestParam(required = false) @Nullable String emailTo, Principal user, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		NotificationTargetDraft draft = new NotificationTargetDraft(events == null ? List.of() : events, webhookUrl,
				webhookSecret, emailTo);
		try {
			this.notifications.saveGlobal(draft, user.getName());
		}
		catch (FerryException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("formError", ex.getMessage());
			return show(model, typed(draft, this.notifications.global()), null);
		}
		redirect.addFlashAttribute("flashSuccess", "Notification settings saved.");
		return "redirect:/notifications";
	}

	@GetMapping("/schedules/{scheduleId}/notifications")
	String schedulePage(@PathVariable String scheduleId, Model model, Authentication user) {
		NotificationTarget target = this.notifications.ofSchedule(scheduleId);
		return show(model, has(user, "ROLE_OPERATOR") ? target : target.withoutWebhookPath(), scheduleId);
	}

	/** Those who may not change a target see its webhook without path and query (which may hold a token). */
	private static boolean has(Authentication user, String authority) {
		return user.getAuthorities().stream().anyMatch((granted) -> authority.equals(granted.getAuthority()));
	}

	@PostMapping("/schedules/{scheduleId}/notifications")
	String saveForSchedule(@PathVariable String scheduleId,
			@RequestParam(name = "events", required = false) @Nullable List<String> events,
			@RequestParam(required = false) @Nullable String webhookUrl,
			@RequestParam(required = false) @Nullable String webhookSecret,
			@RequestParam(required = false) @Nullable String emailTo, Principal user, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		NotificationTargetDraft draft = new NotificationTargetDraft(events == null ? List.of() : events, webhookUrl,
				webhookSecret, emailTo);
		try {
			this.notifications.saveForSchedule(scheduleId, draft, user.getName());
		}
		catch (FerryException ex) {
			if (ex.errorCode().httpStatus() == HttpStatus.NOT_FOUND.value()) {
				throw ex;
			}
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("formError", ex.getMessage());
			return show(model, typed(draft, this.notifications.ofSchedule(scheduleId)), scheduleId);
		}
		redirect.addFlashAttribute("flashSuccess", "Notification settings saved.");
		return "redirect:/schedules/" + scheduleId + "/notifications";
	}

	private String show(Model model, NotificationTarget target, @Nullable String scheduleId) {
		model.addAttribute("target", target);
		model.addAttribute("events", NotificationEvent.values());
		model.addAttribute("mailConfigured", this.notifications.mailConfigured());
		if (scheduleId != null) {
			model.addAttribute("schedule", this.schedules.get(scheduleId));
		}
		else {
			model.addAttribute("deliveries", this.notifications.recentDeliveries(RECENT));
		}
		return "notifications/page";
	}

	/** What was typed, shown again after a refusal (never the secret). */
	private static NotificationTarget typed(NotificationTargetDraft draft, NotificationTarget stored) {
		List<String> events = draft.events() == null ? stored.events()
				: draft.events().stream().map((name) -> {
					try {
						return NotificationEvent.parse(name).wireName();
					}
					catch (FerryException ex) {
						return name;
					}
				}).toList();
		return new NotificationTarget(events, draft.webhookUrl(), stored.webhookSecretStored(), draft.emailTo(),
				stored.updatedBy(), stored.updatedAt());
	}

}
