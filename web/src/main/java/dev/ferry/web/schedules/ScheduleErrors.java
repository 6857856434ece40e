package dev.ferry.web.schedules;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

/**
 * Puts the service's refusal next to the form field it is about. The service's messages start with the name of the
 * offending field ("cron '…' is not…", "keepLast -1 is invalid", "filter rule '…'"); a message about no single field
 * (an S3 bucket that cannot be reached, say) is shown above the form.
 */
final class ScheduleErrors {

	private static final Pattern FIRST_WORD = Pattern.compile("^([A-Za-z]+)");

	/** The API's field names, as the service says them, to the form's. */
	private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("name", "name"),
			Map.entry("cron", "cron"), Map.entry("timeZone", "timeZone"), Map.entry("keepLast", "keepLast"),
			Map.entry("maxAge", "maxAgeAmount"), Map.entry("clusterId", "clusterId"),
			Map.entry("userName", "userName"), Map.entry("password", "password"), Map.entry("fileType", "fileType"),
			Map.entry("filter", "filters"), Map.entry("sql", "sql"), Map.entry("storageType", "storageType"),
			Map.entry("zipName", "zipName"), Map.entry("endpointUrl", "endpointUrl"),
			Map.entry("bucketUrl", "bucketUrl"), Map.entry("accessKey", "accessKey"),
			Map.entry("secretAccessKey", "secretAccessKey"), Map.entry("comment", "comment"),
			Map.entry("toolChain", "toolChain"), Map.entry("drill", "drillClusterId"));

	private ScheduleErrors() {
	}

	static void reject(FerryException ex, Errors errors) {
		String message = ex.getMessage() == null ? ex.errorCode().name() : ex.getMessage();
		String field = field(ex.errorCode(), message);
		if (field == null) {
			errors.reject("refused", message);
		}
		else {
			errors.rejectValue(field, "invalid", message);
		}
	}

	static @Nullable String field(ErrorCode code, String message) {
		if (code == ErrorCode.CLUSTER_NOT_FOUND) {
			return "clusterId";
		}
		if (message.startsWith("a schedule named")) {
			return "name";
		}
		Matcher first = FIRST_WORD.matcher(message);
		return first.find() ? FIELDS.get(first.group(1)) : null;
	}

}
