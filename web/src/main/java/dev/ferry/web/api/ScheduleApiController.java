package dev.ferry.web.api;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.ferry.schedule.CronDescription;
import dev.ferry.schedule.Schedule;
import dev.ferry.schedule.ScheduleDraft;
import dev.ferry.schedule.ScheduleRun;
import dev.ferry.schedule.ScheduleService;

/** {@code /api/v1/schedules}: recurring exports. */
@Tag(name = "Schedules", description = "Recurring exports: a cluster, the options of a one-off export, a Quartz cron "
		+ "expression and time zone, and retention. Each fire runs on exactly one Ferry node; a fire while the "
		+ "schedule's previous export still runs is skipped. Every fire is kept in the schedule's run history.")
@RestController
@RequestMapping("/api/v1/schedules")
class ScheduleApiController {

	private static final String NOT_FOUND = "60200 SCHEDULE_NOT_FOUND: the scheduleId is unknown.";

	private static final String BAD_SCHEDULE = OpenApiConfiguration.PARAMETER_INVALID
			+ "a field is missing or wrong (cron, timeZone, keepLast, maxAge, name taken, or any field of the export "
			+ "as for POST /api/v1/clusters/export), or the body is not valid JSON.";

	private final ScheduleService schedules;

	ScheduleApiController(ScheduleService schedules) {
		this.schedules = schedules;
	}

	@Operation(summary = "List the schedules", description = "Every schedule with its cron expression in words and "
			+ "its next five fire times: data is {schedules: [...]}.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The schedules.") })
	@GetMapping
	ApiResponse<Map<String, List<Schedule>>> list() {
		return ApiResponse.ok(Map.of("schedules", this.schedules.list()));
	}

	@Operation(summary = "Create a schedule", description = "Checks the schedule's fields and its export exactly like "
			+ "a one-off export (cluster, credentials, tools, S3 access), stores its secrets encrypted and, unless "
			+ "enabled is false, schedules it.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Created: the schedule."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = BAD_SCHEDULE),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = OpenApiConfiguration.CLUSTER_NOT_FOUND) })
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	ApiResponse<Schedule> create(@RequestBody ScheduleDraft draft, Principal principal) {
		return ApiResponse.ok(this.schedules.create(draft, principal.getName()));
	}

	@Operation(summary = "Explain a cron expression", description = "The expression in words and its next five fire "
			+ "times in the time zone, without saving anything.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The explanation."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = OpenApiConfiguration.PARAMETER_INVALID + "cron or timeZone is not valid.") })
	@GetMapping("/describe")
	ApiResponse<CronDescription> describe(@Parameter(description = "A Quartz cron expression.", example = "0 0 2 * * ?") @RequestParam String cron,
			@Parameter(description = "Time zone (IANA name or offset); default the node's.", example = "UTC") @RequestParam(required = false) @Nullable String timeZone) {
		return ApiResponse.ok(this.schedules.describe(cron, timeZone));
	}

	@Operation(summary = "Read a schedule", description = "The schedule, its cron expression in words and its next "
			+ "five fire times (none while paused).")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The schedule."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = NOT_FOUND) })
	@GetMapping("/{scheduleId}")
	ApiResponse<Schedule> get(@Parameter(description = "Id of the schedule.") @PathVariable String scheduleId) {
		return ApiResponse.ok(this.schedules.get(scheduleId));
	}

	@Operation(summary = "Change a schedule", description = "Replaces every field, checked as on create. An omitted "
			+ "password keeps the stored one if userName is unchanged; omitted S3 keys keep the stored ones.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "Changed: the schedule."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = BAD_SCHEDULE),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = NOT_FOUND + " Or 10003 CLUSTER_NOT_FOUND: the export's clusterId is unknown.") })
	@PutMapping("/{scheduleId}")
	ApiResponse<Schedule> update(@Parameter(description = "Id of the schedule.") @PathVariable String scheduleId,
			@RequestBody ScheduleDraft draft, Principal principal) {
		return ApiResponse.ok(this.schedules.update(scheduleId, draft, principal.getName()));
	}

	@Operation(summary = "Delete a schedule", description = "Deletes the schedule, its trigger, its stored secrets "
			+ "and its run history. The records it launched stay. Data is {scheduleId}.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "Deleted."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = NOT_FOUND) })
	@DeleteMapping("/{scheduleId}")
	ApiResponse<Map<String, String>> delete(@Parameter(description = "Id of the schedule.") @PathVariable String scheduleId, Principal principal) {
		this.schedules.delete(scheduleId, principal.getName());
		return ApiResponse.ok(Map.of("scheduleId", scheduleId));
	}

	@Operation(summary = "Pause a schedule", description = "It stops firing until resumed (a running export goes on).")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "Paused: the schedule."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = NOT_FOUND) })
	@PostMapping("/{scheduleId}/pause")
	ApiResponse<Schedule> pause(@Parameter(description = "Id of the schedule.") @PathVariable String scheduleId, Principal principal) {
		return ApiResponse.ok(this.schedules.pause(scheduleId, principal.getName()));
	}

	@Operation(summary = "Resume a schedule", description = "It fires again from its next fire time on (missed fire "
			+ "times while paused are not caught up).")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "Resumed: the schedule."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = NOT_FOUND) })
	@PostMapping("/{scheduleId}/resume")
	ApiResponse<Schedule> resume(@Parameter(description = "Id of the schedule.") @PathVariable String scheduleId, Principal principal) {
		return ApiResponse.ok(this.schedules.resume(scheduleId, principal.getName()));
	}

	@Operation(summary = "Run a schedule now", description = "Fires it once now (also when paused), like its cron "
			+ "would: the run says LAUNCHED with the recordId, SKIPPED while its previous export still runs, or "
			+ "FAILED with the reason the export could not start.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The run."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = NOT_FOUND) })
	@PostMapping("/{scheduleId}/run")
	ApiResponse<ScheduleRun> run(@Parameter(description = "Id of the schedule.") @PathVariable String scheduleId, Principal principal) {
		return ApiResponse.ok(this.schedules.runNow(scheduleId, principal.getName()));
	}

	@Operation(summary = "A schedule's run history", description = "Its last 200 fires, newest first, each with the "
			+ "status its record has now: data is {runs: [...]}.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The runs."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = NOT_FOUND) })
	@GetMapping("/{scheduleId}/runs")
	ApiResponse<Map<String, List<ScheduleRun>>> runs(@Parameter(description = "Id of the schedule.") @PathVariable String scheduleId) {
		return ApiResponse.ok(Map.of("runs", this.schedules.history(scheduleId)));
	}

}
