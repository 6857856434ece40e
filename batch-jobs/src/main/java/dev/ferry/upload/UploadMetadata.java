package dev.ferry.upload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.ferry.storage.FileModes;

/**
 * {@code upload.json}: a flat JSON object of strings and numbers that Ferry writes itself (the cluster id is checked
 * to be a plain name, so nothing needs escaping), written to a temporary file and moved into place.
 */
final class UploadMetadata {

	private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(?:\"([^\"]*)\"|(-?\\d+))");

	private UploadMetadata() {
	}

	static void write(Path file, StagedUpload staged) throws IOException {
		String json = "{\"uploadId\":\"" + staged.uploadId() + "\",\"clusterId\":\"" + staged.clusterId()
				+ "\",\"size\":" + staged.size() + ",\"entries\":" + staged.entries() + ",\"unpackedBytes\":"
				+ staged.unpackedBytes() + ",\"createdAt\":\"" + staged.createdAt() + "\"}\n";
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		Files.writeString(temporary, json, StandardCharsets.UTF_8);
		FileModes.restrict(temporary);
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
	}

	static StagedUpload read(Path file, String uploadId, Path zip) throws IOException {
		Map<String, String> json = fields(file);
		return new StagedUpload(uploadId, json.get("clusterId"), Long.parseLong(json.get("size")),
				Integer.parseInt(json.get("entries")), Long.parseLong(json.get("unpackedBytes")),
				Instant.parse(json.get("createdAt")), zip);
	}

	static Map<String, String> fields(Path file) throws IOException {
		Map<String, String> fields = new HashMap<>();
		Matcher matcher = FIELD.matcher(Files.readString(file, StandardCharsets.UTF_8));
		while (matcher.find()) {
			fields.put(matcher.group(1), matcher.group(2) != null ? matcher.group(2) : matcher.group(3));
		}
		return fields;
	}

	/** A byte count for people: "50 GiB (53687091200 bytes)". */
	static String bytes(long count) {
		String[] units = { "KiB", "MiB", "GiB", "TiB" };
		double value = count;
		String unit = null;
		for (String u : units) {
			if (value < 1024) {
				break;
			}
			value /= 1024;
			unit = u;
		}
		if (unit == null) {
			return count + " bytes";
		}
		String number = String.format(Locale.ROOT, "%.4g", value).replaceAll("(\\.\\d*?)0+$", "$1")
			.replaceAll("\\.$", "");
		return number + " " + unit + " (" + count + " bytes)";
	}

}
