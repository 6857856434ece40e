package dev.ferry.web.launch;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.validation.BindingResult;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

/**
 * Puts an engine refusal (a {@link FerryException} from TransferService's pre-checks) next to the form field its
 * message names; a message that names no field becomes a form-level error. The engine's messages start with the
 * request field they concern ({@code "zipName '..' is invalid"}), so matching their start is reliable.
 */
final class EngineErrors {

	private static final Pattern FILTER_RULE = Pattern.compile("^filter rule '(.*?)' ", Pattern.DOTALL);

	/** Message start → form field, first match wins (order matters: "sql exports need fileType" is about sql). */
	private static final List<String[]> PREFIXES = List.of(new String[] { "clusterId", "clusterId" },
			new String[] { "cluster ", "clusterId" }, new String[] { "userName", "userName" },
			new String[] { "password", "password" }, new String[] { "sql", "sql" },
			new String[] { "toolChain", "toolChain" }, new String[] { "compression", "compression" },
			new String[] { "chunkRows", "chunkRows" },
			new String[] { "fileType", "fileType" }, new String[] { "filter", "filters" },
			new String[] { "zipName", "zipName" }, new String[] { "endpointUrl", "endpointUrl" },
			new String[] { "bucketUrl", "bucketUrl" }, new String[] { "S3 endpoint", "endpointUrl" },
			new String[] { "S3 rejected the keys", "accessKey" }, new String[] { "S3 bucket", "bucketUrl" },
			new String[] { "S3 denied", "bucketUrl" }, new String[] { "comment", "comment" },
			new String[] { "backend", "backend" }, new String[] { "overwrite needs", "backend" },
			new String[] { "upload ", "uploadId" }, new String[] { "record ", "recordId" },
			new String[] { "the files of record", "recordId" }, new String[] { "target tables already hold data",
					"overwrite" });

	private EngineErrors() {
	}

	/**
	 * Records the refusal on the binding result.
	 * @param filterRules the form's filter rows, to find the one a rule error names
	 */
	static void reject(FerryException ex, BindingResult result, List<String> filterRules) {
		String message = ex.getMessage() == null ? ex.errorCode().description() : ex.getMessage();
		String field = field(message, ex.errorCode(), filterRules);
		if (field != null && result.getFieldType(baseName(field)) != null) {
			result.rejectValue(field, "engine", message);
		}
		else {
			result.reject("engine", message);
		}
	}

	static @Nullable String field(String message, ErrorCode code, List<String> filterRules) {
		if (code == ErrorCode.CLUSTER_NOT_FOUND) {
			return "clusterId";
		}
		if (code != ErrorCode.PARAMETER_INVALID && code != ErrorCode.TIEM_TRANSPORT_RECORD_NOT_FOUND) {
			return null; // tools missing, storage not writable, launch failed: about Ferry, not a field
		}
		Matcher rule = FILTER_RULE.matcher(message);
		if (rule.find()) {
			int row = filterRules.indexOf(rule.group(1));
			return row >= 0 ? "filters[" + row + "]" : "filters";
		}
		for (String[] prefix : PREFIXES) {
			if (message.startsWith(prefix[0])) {
				return prefix[1];
			}
		}
		return null;
	}

	private static String baseName(String field) {
		int bracket = field.indexOf('[');
		return bracket < 0 ? field : field.substring(0, bracket);
	}

}
