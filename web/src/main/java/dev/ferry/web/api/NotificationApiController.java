package dev.ferry.web.api;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.ferry.notify.NotificationService;
import dev.ferry.notify.NotificationTarget;
import dev.ferry.notify.NotificationTargetDraft;

/** {@code /api/v1/notifications} and {@code /api/v1/schedules/{id}/notifications}. */
@Tag(name = "Notifications", description = "Where failure notifications go (a signed webhook, e-mail), globally and "
		+ "per schedule, and how their deliveries went. A webhook's secret is stored encrypted and never returned.")
@RestController
class NotificationApiController {

	private static final String BAD_TARGET = OpenApiConfiguration.PARAMETER_INVALID
			+ "an unknown event, a webhookUrl that is not http(s), a missing or short webhookSecret, an e-mail "
			+ "address that is not one, or emailTo without an SMTP server.";

	private static final int RECENT = 100;

	private final NotificationService notifications;

	NotificationApiController(NotificationService notifications) {
		this.notifications = notifications;
	}

	@Operation(summary = "Notification settings and recent deliveries", description = "data is {settings: the global "
			+ "target (for non-ADMINs the webhook without its path), mailConfigured, deliveries: the newest 100 with "
			+ "status, attempts and last error}.")
	@GetMapping("/api/v1/notifications")
	ApiResponse<Map<String, Object>> overview(Authentication user) {
		Map<String, Object> data = new LinkedHashMap<>();
		NotificationTarget global = this.notifications.global();
		data.put("settings", has(user, "ROLE_ADMIN") ? global : global.withoutWebhookPath());
		data.put("mailConfigured", this.notifications.mailConfigured());
		data.put("deliveries", this.notifications.recentDeliveries(RECENT));
		return ApiResponse.ok(data);
	}

	@Operation(summary = "Change the global notification target (ADMIN)", description = "Every notification goes "
			+ "here, for every schedule and every one-off transfer.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The target."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = BAD_TARGET) })
	@PutMapping("/api/v1/notifications")
	ApiResponse<NotificationTarget> saveGlobal(@RequestBody NotificationTargetDraft draft, Principal principal) {
		return ApiResponse.ok(this.notifications.saveGlobal(draft, principal.getName()));
	}

	@Operation(summary = "A schedule's notification target", description = "Where this schedule's notifications go "
			+ "besides the global target.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The target."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = "60200 SCHEDULE_NOT_FOUND") })
	@GetMapping("/api/v1/schedules/{scheduleId}/notifications")
	ApiResponse<NotificationTarget> ofSchedule(@Parameter(description = "Id of the schedule.") @PathVariable String scheduleId,
			Authentication user) {
		NotificationTarget target = this.notifications.ofSchedule(scheduleId);
		return ApiResponse.ok(has(user, "ROLE_OPERATOR") ? target : target.withoutWebhookPath());
	}

	@Operation(summary = "Change a schedule's notification target", description = "Replaces it; an omitted "
			+ "webhookSecret keeps the stored one.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The target."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = BAD_TARGET),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = "60200 SCHEDULE_NOT_FOUND") })
	@PutMapping("/api/v1/schedules/{scheduleId}/notifications")
	ApiResponse<NotificationTarget> saveForSchedule(@Parameter(description = "Id of the schedule.") @PathVariable String scheduleId,
			@RequestBody NotificationTargetDraft draft, Principal principal) {
		return ApiResponse.ok(this.notifications.saveForSchedule(scheduleId, draft, principal.getName()));
	}

	/** Those who may not change a target see its webhook without path and query (which may hold a token). */
	private static boolean has(Authentication user, String authority) {
		return user.getAuthorities().stream().anyMatch((granted) -> authority.equals(granted.getAuthority()));
	}

}
