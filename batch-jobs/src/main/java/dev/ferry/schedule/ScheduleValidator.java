package dev.ferry.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;
import org.quartz.CronExpression;

import dev.ferry.error.FerryException;
import dev.ferry.transfer.ExportRequest;

/** Checks a schedule's own fields; its export is checked by the transfer service exactly like a one-off export. */
final class ScheduleValidator {

	private ScheduleValidator() {
	}

	record Checked(String name, String cron, ZoneId zone, boolean enabled, @Nullable Integer keepLast,
			@Nullable Long maxAgeSeconds, ExportRequest export) {
	}

	/** @param minInterval the shortest gap allowed between two fire times */
	static Checked check(ScheduleDraft draft, Duration minInterval) {
		if (draft.name() == null || draft.name().isBlank()) {
			throw FerryException.invalid("name is required");
		}
		String name = draft.name().strip();
		if (name.length() > 128) {
			throw FerryException.invalid("name is longer than 128 characters");
		}
		ZoneId zone = CronRules.zone(draft.timeZone());
		CronExpression parsed = CronRules.parse(draft.cron(), zone);
		CronRules.checkInterval(parsed, minInterval);
		String cron = parsed.getCronExpression();
		if (draft.keepLast() != null && draft.keepLast() < 1) {
			throw FerryException.invalid("keepLast " + draft.keepLast() + " is invalid: keep at least 1 export "
					+ "(the newest successful one is always kept), or omit keepLast to keep them all");
		}
		if (draft.export() == null) {
			throw FerryException.invalid("export is required: the fields of POST /api/v1/clusters/export "
					+ "(clusterId, fileType, storageType, ...)");
		}
		if (draft.export().compression() != null || draft.export().chunkRows() != null) {
			throw FerryException.invalid("compression and chunkRows are not kept by schedules yet: a scheduled native "
					+ "export writes uncompressed files in chunks of FERRY_CHUNK_ROWS rows; omit both");
		}
		return new Checked(name, cron, zone, draft.enabled() == null || draft.enabled(), draft.keepLast(),
				maxAge(draft.maxAge()), draft.export());
	}

	static @Nullable Long maxAge(@Nullable String maxAge) {
		if (maxAge == null || maxAge.isBlank()) {
			return null;
		}
		Duration duration;
		try {
			duration = Duration.parse(maxAge.strip());
		}
		catch (DateTimeParseException ex) {
			throw FerryException.invalid("maxAge '" + maxAge + "' is not an ISO-8601 duration: use e.g. P30D "
					+ "(30 days), PT12H (12 hours) or PT90M");
		}
		if (duration.isNegative() || duration.isZero()) {
			throw FerryException.invalid("maxAge " + maxAge + " is invalid: it must be positive (e.g. P30D)");
		}
		return duration.toSeconds();
	}

}
