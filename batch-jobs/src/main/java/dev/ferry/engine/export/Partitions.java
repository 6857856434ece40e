package dev.ferry.engine.export;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.ferry.engine.plan.Chunk;
import dev.ferry.engine.sink.StoredFile;

/**
 * The partitions of a native export and what their execution contexts hold. Partition {@code i} is the step
 * execution {@code exportDataFromCluster:p<i>} (five digits or more): first one per database (its schema and object
 * files), then one per chunk (one data file). Its context holds what to do (kind, database, chunk) and, once
 * completed, what it wrote (files with size and CRC32C, rows, snapshot index).
 */
final class Partitions {

	static final String NAME_PREFIX = "exportDataFromCluster:p";

	static final String KIND = "partition.kind";

	static final String SCHEMA = "schema";

	static final String DATA = "data";

	static final String DATABASE = "partition.database";

	static final String CHUNK = "partition.chunk";

	/** The files it committed: {@link StoredFiles}' compact text. */
	static final String FILES = "result.files";

	/** Rows in its data file. */
	static final String ROWS = "result.rows";

	/** The index of the snapshot its rows were read in (the job's list of snapshots). */
	static final String SNAPSHOT = "result.snapshot";

	/** Rows written so far (committed on every call of the worker). */
	static final String PROGRESS_ROWS = "progress.rows";

	/** Bytes stored so far. */
	static final String PROGRESS_BYTES = "progress.bytes";

	private static final List<String> RESULTS = List.of(FILES, ROWS, SNAPSHOT, PROGRESS_ROWS, PROGRESS_BYTES);

	private Partitions() {
	}

	static String name(int index) {
		return NAME_PREFIX + String.format("%05d", index);
	}

	static boolean isPartition(String stepName) {
		return stepName.startsWith(NAME_PREFIX);
	}

	static ExecutionContext schema(String database) {
		ExecutionContext context = new ExecutionContext();
		context.putString(KIND, SCHEMA);
		context.putString(DATABASE, database);
		return context;
	}

	static ExecutionContext data(Chunk chunk) {
		ExecutionContext context = new ExecutionContext();
		context.putString(KIND, DATA);
		context.putString(DATABASE, chunk.database());
		context.putString(CHUNK, ExportJson.write(chunk));
		return context;
	}

	/** The context a partition runs again with: what it is to do, without what an earlier attempt wrote. */
	static ExecutionContext again(ExecutionContext earlier) {
		ExecutionContext context = new ExecutionContext();
		earlier.entrySet().stream()
			.filter((entry) -> entry.getKey().startsWith("partition."))
			.forEach((entry) -> context.put(entry.getKey(), entry.getValue()));
		RESULTS.forEach(context::remove);
		return context;
	}

	static boolean isData(ExecutionContext context) {
		return DATA.equals(context.getString(KIND, ""));
	}

	static Chunk chunk(ExecutionContext context) {
		return ExportJson.read(context.getString(CHUNK), Chunk.class);
	}

	static void completed(ExecutionContext context, List<StoredFile> files, long rows, int snapshot) {
		context.putString(FILES, StoredFiles.encode(files));
		context.putLong(ROWS, rows);
		context.putInt(SNAPSHOT, snapshot);
	}

	static List<StoredFile> files(ExecutionContext context) {
		String text = context.getString(FILES, null);
		return (text == null) ? List.of() : new ArrayList<>(StoredFiles.decode(text));
	}

	static @Nullable Integer snapshot(ExecutionContext context) {
		return context.containsKey(SNAPSHOT) ? context.getInt(SNAPSHOT) : null;
	}

}
