package dev.ferry.schedule;

import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** A schedule as the API and the console show it: no secret, only whether one is stored. */
@Schema(description = "A recurring export. Secrets are never shown, only whether the schedule stores its own.")
public record Schedule(
		@Schema(description = "Id of the schedule.", example = "3") String scheduleId,
		@Schema(description = "Its unique name.", example = "nightly shop") String name,
		@Schema(description = "The cluster it exports.", example = "1") String clusterId,
		@Schema(description = "The Quartz cron expression.", example = "0 0 2 * * ?") String cron,
		@Schema(description = "The time zone of the cron expression.", example = "Europe/Berlin") String timeZone,
		@Schema(description = "The cron expression in words.", example = "at 02:00") String cronDescription,
		@Schema(description = "The next five fire times (empty while paused).") List<OffsetDateTime> nextFireTimes,
		@Schema(description = "false while paused.", example = "true") boolean enabled,
		@Schema(description = "Retention: how many successful exports are kept (absent: all).", example = "7") @Nullable Integer keepLast,
		@Schema(description = "Retention: the age (ISO-8601 duration) after which its exports are deleted (absent: never).", example = "P30D") @Nullable String maxAge,
		@Schema(description = "The export every fire starts.") Options export,
		@Schema(description = "Who created it.", example = "admin") String createdBy,
		@Schema(description = "When it was created.") OffsetDateTime createdAt,
		@Schema(description = "When it was last changed (also by pause and resume).") OffsetDateTime updatedAt,
		@Schema(description = "Its restore drill; null if it has none.") @Nullable ScheduleDrill drill) {

	/** A schedule without a restore drill. */
	public Schedule(String scheduleId, String name, String clusterId, String cron, String timeZone,
			String cronDescription, List<OffsetDateTime> nextFireTimes, boolean enabled, @Nullable Integer keepLast,
			@Nullable String maxAge, Options export, String createdBy, OffsetDateTime createdAt,
			OffsetDateTime updatedAt) {
		this(scheduleId, name, clusterId, cron, timeZone, cronDescription, nextFireTimes, enabled, keepLast, maxAge,
				export, createdBy, createdAt, updatedAt, null);
	}

	Schedule withDrill(@Nullable ScheduleDrill drill) {
		return new Schedule(this.scheduleId, this.name, this.clusterId, this.cron, this.timeZone, this.cronDescription,
				this.nextFireTimes, this.enabled, this.keepLast, this.maxAge, this.export, this.createdBy,
				this.createdAt, this.updatedAt, drill);
	}

	/** The export options of a schedule, without secrets. */
	@Schema(name = "ScheduleExportOptions", description = "The export options of a schedule (the fields of POST /api/v1/clusters/export without secrets).")
	public record Options(
			@Schema(description = "User the export connects as (absent: the cluster's user).", example = "root") @Nullable String userName,
			@Schema(description = "true if the schedule stores its own database password (else the cluster's is used).", example = "false") boolean ownPassword,
			@Schema(description = "sql or csv.", example = "sql") String fileType,
			@Schema(description = "Table-filter rules (absent: every non-system table).", example = "shop.*") @Nullable String filter,
			@Schema(description = "Query to export instead of tables (tidb chain only).") @Nullable String sql,
			@Schema(description = "nfs or s3.", example = "nfs") String storageType,
			@Schema(description = "File name of a download.", example = "data.zip") @Nullable String zipName,
			@Schema(description = "S3 endpoint (storageType s3).", example = "http://127.0.0.1:9000") @Nullable String endpointUrl,
			@Schema(description = "S3 bucket and prefix (storageType s3).", example = "s3://backups/ferry") @Nullable String bucketUrl,
			@Schema(description = "true if S3 keys are stored with the schedule.", example = "false") boolean s3KeysStored,
			@Schema(description = "Comment every record of this schedule gets.", example = "nightly") @Nullable String comment,
			@Schema(description = "tidb or mysql (absent: by the cluster's kind).", example = "mysql") @Nullable String toolChain) {
	}

}
