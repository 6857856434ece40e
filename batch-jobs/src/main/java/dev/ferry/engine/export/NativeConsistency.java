package dev.ferry.engine.export;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

import dev.ferry.engine.snapshot.SnapshotPoint;

/**
 * Whether a native export read every table at one point in time, for its record: once finished, what
 * {@code updateDataExportRecord} concluded; before, what its snapshots so far say.
 * @param consistent whether it is consistent
 * @param reason why not; null when it is
 */
public record NativeConsistency(boolean consistent, @Nullable String reason) {

	private static final TypeReference<List<SnapshotPoint>> POINTS = new TypeReference<>() {
	};

	private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
	};

	/**
	 * From a job execution context as the job repository stores it.
	 * @return null when the export took no snapshot yet (or is not a native export)
	 */
	public static @Nullable NativeConsistency of(Map<String, Object> jobContext) {
		if (jobContext.get("result.consistent") instanceof String consistent) {
			return new NativeConsistency(Boolean.parseBoolean(consistent),
					jobContext.get("result.consistency") instanceof String reason ? reason : null);
		}
		if (!(jobContext.get(ExportState.SNAPSHOTS) instanceof String json)) {
			return null;
		}
		List<SnapshotPoint> points = ExportJson.readList(json, POINTS);
		List<String> outside = (jobContext.get(ExportState.OUTSIDE) instanceof String names)
				? ExportJson.readList(names, NAMES) : List.of();
		String reason = NativeExportRecord.consistency(points, outside);
		return new NativeConsistency(reason == null, reason);
	}

}
