package dev.ferry.engine.export;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.type.TypeReference;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.ferry.engine.snapshot.SnapshotPoint;

/**
 * What a native export keeps in its job execution context, which a restart carries over: how many partitions the
 * plan has, the estimates, the snapshots read so far, the tables read outside them, and a restart's {@code fresh}
 * request. All of it is small (the per-file details are in the partitions' own contexts).
 */
public final class ExportState {

	/** Set by a restart that asks to start over: every file deleted, a new snapshot, a new plan. */
	public static final String FRESH = "native.fresh";

	static final String PARTITIONS = "native.partitions";

	static final String DATA_PARTITIONS = "native.dataPartitions";

	static final String ROWS_ESTIMATE = "native.rowsEstimate";

	static final String BYTES_ESTIMATE = "native.bytesEstimate";

	static final String SNAPSHOTS = "native.snapshots";

	static final String OUTSIDE = "native.outside";

	static final String STARTED_AT = "native.startedAt";

	private static final TypeReference<List<SnapshotPoint>> POINTS = new TypeReference<>() {
	};

	private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
	};

	private final ExecutionContext context;

	ExportState(ExecutionContext context) {
		this.context = context;
	}

	boolean planned() {
		return this.context.containsKey(PARTITIONS);
	}

	boolean freshRequested() {
		return this.context.containsKey(FRESH) && Boolean.TRUE.equals(this.context.get(FRESH));
	}

	void clearFresh() {
		this.context.remove(FRESH);
	}

	void planned(int partitions, int dataPartitions, long rowsEstimate, long bytesEstimate, List<String> outside) {
		this.context.putInt(PARTITIONS, partitions);
		this.context.putInt(DATA_PARTITIONS, dataPartitions);
		this.context.putLong(ROWS_ESTIMATE, rowsEstimate);
		this.context.putLong(BYTES_ESTIMATE, bytesEstimate);
		this.context.putString(OUTSIDE, ExportJson.write(outside));
	}

	int partitions() {
		return this.context.getInt(PARTITIONS);
	}

	int dataPartitions() {
		return this.context.getInt(DATA_PARTITIONS, 0);
	}

	long rowsEstimate() {
		return this.context.getLong(ROWS_ESTIMATE, 0);
	}

	long bytesEstimate() {
		return this.context.getLong(BYTES_ESTIMATE, 0);
	}

	List<String> outside() {
		String json = this.context.getString(OUTSIDE, null);
		return (json == null) ? List.of() : ExportJson.readList(json, NAMES);
	}

	List<SnapshotPoint> snapshots() {
		String json = this.context.getString(SNAPSHOTS, null);
		return (json == null) ? List.of() : ExportJson.readList(json, POINTS);
	}

	/** Adds a snapshot; returns its index. */
	int addSnapshot(SnapshotPoint point) {
		List<SnapshotPoint> all = new ArrayList<>(snapshots());
		all.add(point);
		this.context.putString(SNAPSHOTS, ExportJson.write(all));
		return all.size() - 1;
	}

	void clearSnapshots() {
		this.context.remove(SNAPSHOTS);
	}

	void startedAt(long epochMillis) {
		this.context.putLong(STARTED_AT, epochMillis);
	}

	long startedAt() {
		return this.context.getLong(STARTED_AT, 0);
	}

}
