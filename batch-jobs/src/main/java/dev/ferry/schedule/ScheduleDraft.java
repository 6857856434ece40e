package dev.ferry.schedule;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.ferry.transfer.ExportRequest;

/** A schedule as the API takes it (create and change). */
@Schema(description = "A recurring export: when (Quartz cron + time zone), what (the fields of a one-off export), "
		+ "and how many of its exports to keep.")
public record ScheduleDraft(
		@Schema(description = "Unique name, up to 128 characters. Required.", requiredMode = Schema.RequiredMode.REQUIRED, example = "nightly shop") @Nullable String name,
		@Schema(description = "When to export: a Quartz cron expression, seconds minutes hours day-of-month month day-of-week [year], with ? in one of the day fields. Required.", requiredMode = Schema.RequiredMode.REQUIRED, example = "0 0 2 * * ?") @Nullable String cron,
		@Schema(description = "Time zone the cron expression is read in: an IANA name (Europe/Berlin, UTC) or an offset (+02:00). Default: the Ferry node's zone.", example = "Europe/Berlin") @Nullable String timeZone,
		@Schema(description = "false: saved but paused (never fires until resumed). Default true.", example = "true") @Nullable Boolean enabled,
		@Schema(description = "Retention: keep the newest N successful (Finished) exports of this schedule, delete older ones with their files. At least 1; omit to keep all. The newest successful export is never deleted.", example = "7") @Nullable Integer keepLast,
		@Schema(description = "Retention: delete this schedule's Finished, Failed or Stopped exports older than this ISO-8601 duration (P30D = 30 days, PT12H = 12 hours). Omit to keep them regardless of age. The newest successful export is never deleted.", example = "P30D") @Nullable String maxAge,
		@Schema(description = "What every fire exports: exactly the body of POST /api/v1/clusters/export, checked the same way. Secrets (password, accessKey, secretAccessKey) are stored encrypted and never returned; when changing a schedule, an omitted secret keeps the stored one. Required.", requiredMode = Schema.RequiredMode.REQUIRED) @Nullable ExportRequest export,
		@Schema(description = "Restore drill after each export that finished (README \"Restore drills\"); omit it for none. Changing a schedule replaces it (omitted: removed).") @Nullable ScheduleDrill drill) {

	/** A draft without a restore drill. */
	public ScheduleDraft(@Nullable String name, @Nullable String cron, @Nullable String timeZone,
			@Nullable Boolean enabled, @Nullable Integer keepLast, @Nullable String maxAge,
			@Nullable ExportRequest export) {
		this(name, cron, timeZone, enabled, keepLast, maxAge, export, null);
	}

	@Override
	public String toString() {
		return "ScheduleDraft[name=" + this.name + ", cron=" + this.cron + ", timeZone=" + this.timeZone + ", export="
				+ this.export + ", drill=" + this.drill + "]";
	}

}
