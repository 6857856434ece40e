package dev.ferry.engine.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.ferry.engine.format.FileNames;
import dev.ferry.engine.plan.Chunk;
import dev.ferry.engine.sink.FileSink;
import dev.ferry.engine.sink.PendingFile;
import dev.ferry.engine.sink.StoredFile;
import dev.ferry.engine.snapshot.SnapshotPoint;
import dev.ferry.manifest.Manifest;

/**
 * The native chain's {@code updateDataExportRecord}: the dump's {@code metadata} and, last, its {@code manifest.json}
 * (format 2), built from what the partitions recorded in their contexts – every file's name, size, CRC32C, rows,
 * compression and snapshot – never by reading a file back. Both go through the export's sink, so an S3 prefix gets
 * its manifest as the last object.
 */
public class NativeExportRecord {

	public static final String ENGINE_NAME = "ferry-native";

	static final String METADATA = "metadata";

	private final JobRepository jobRepository;

	private final ExportEnvironment environment;

	private final Clock clock;

	NativeExportRecord(JobRepository jobRepository, ExportEnvironment environment, Clock clock) {
		this.jobRepository = jobRepository;
		this.environment = environment;
		this.clock = clock;
	}

	/**
	 * What the export's record shows once it finished.
	 * @param consistent whether every table was read at one point in time
	 * @param consistency why not (several snapshots, no global read lock, tables outside the snapshot); null when it is
	 */
	public record Result(Manifest manifest, String location, boolean consistent, @Nullable String consistency) {
	}

	/** Writes {@code metadata} and {@code manifest.json} of a native export whose partitions all completed. */
	public Result finish(StepExecution step) throws IOException {
		JobExecution job = step.getJobExecution();
		ExportState state = new ExportState(job.getExecutionContext());
		List<SnapshotPoint> snapshots = state.snapshots();
		if (!state.planned() || snapshots.isEmpty()) {
			throw new IllegalStateException("the export has no plan: exportDataFromCluster did not run");
		}
		List<String> outside = state.outside();
		Map<String, Manifest.Table> tables = new LinkedHashMap<>();
		List<Manifest.FileEntry> files = new ArrayList<>();
		for (ExecutionContext partition : PartitionHistory.of(this.jobRepository, job, -1)
			.completed(state.partitions())) {
			Integer snapshot = Partitions.snapshot(partition);
			for (StoredFile file : Partitions.files(partition)) {
				if (Partitions.isData(partition)) {
					Chunk chunk = Partitions.chunk(partition);
					long rows = partition.getLong(Partitions.ROWS);
					tables.merge(chunk.database() + "." + chunk.table(),
							new Manifest.Table(chunk.database(), chunk.table(), rows),
							(a, b) -> new Manifest.Table(a.database(), a.table(), a.rows() + b.rows()));
					files.add(new Manifest.FileEntry(file.name(), file.size(), file.crc32c(), file.sha256(), rows,
							compression(job), snapshot));
				}
				else {
					files.add(new Manifest.FileEntry(file.name(), file.size(), file.crc32c(), file.sha256()));
				}
			}
		}
		Manifest manifest;
		try (ExportSink storage = this.environment.sink(job)) {
			FileSink sink = storage.sink();
			Instant finished = this.clock.instant();
			StoredFile metadata = write(sink, METADATA, MetadataFile.text(Instant.ofEpochMilli(state.startedAt()),
					finished, snapshots.get(0), ZoneId.systemDefault()));
			files.add(new Manifest.FileEntry(metadata.name(), metadata.size(), metadata.crc32c(), metadata.sha256()));
			files.sort(Comparator.comparing(Manifest.FileEntry::path));
			List<Manifest.Snapshot> points = snapshots.stream().map((point) -> point.toManifest(outside)).toList();
			manifest = new Manifest(Manifest.FORMAT, "native", new Manifest.Engine(ENGINE_NAME, version()), points,
					List.copyOf(tables.values()), files, escapes(files));
			write(sink, Manifest.FILE_NAME,
					ExportJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
		}
		String consistency = consistency(snapshots, outside);
		return new Result(manifest, this.environment.location(job), consistency == null, consistency);
	}

	/** Why the export is not one consistent point in time, or null when it is. */
	static @Nullable String consistency(List<SnapshotPoint> snapshots, List<String> outside) {
		List<String> reasons = new ArrayList<>();
		if (snapshots.size() > 1) {
			reasons.add("spans " + snapshots.size() + " snapshots: it was resumed, and the chunks read after a "
					+ "restart come from a later point in time (each file names its snapshot in the manifest)");
		}
		snapshots.stream().map(SnapshotPoint::inconsistency).filter((reason) -> reason != null).distinct()
			.forEach(reasons::add);
		if (!outside.isEmpty()) {
			reasons.add(outside.size() + " non-transactional table" + (outside.size() == 1 ? " was" : "s were")
					+ " read outside the snapshot: " + String.join(", ", outside.subList(0, Math.min(10,
							outside.size()))) + (outside.size() > 10 ? ", …" : ""));
		}
		return reasons.isEmpty() ? null : String.join("; ", reasons);
	}

	private static String compression(JobExecution job) {
		String compression = job.getJobParameters().getString(dev.ferry.transfer.TransferParameters.COMPRESSION);
		return (compression != null) ? compression : "none";
	}

	/** The escaped names in the files' names → the real names. */
	static Map<String, String> escapes(List<Manifest.FileEntry> files) {
		Map<String, String> escapes = new TreeMap<>();
		for (Manifest.FileEntry file : files) {
			FileNames.parse(file.path()).ifPresent((parsed) -> {
				remember(escapes, FileNames.escapeDatabase(parsed.database()), parsed.database());
				if (parsed.table() != null) {
					remember(escapes, FileNames.escapeTable(parsed.table()), parsed.table());
				}
			});
		}
		return escapes;
	}

	private static void remember(Map<String, String> escapes, String escaped, String name) {
		if (!escaped.equals(name)) {
			escapes.put(escaped, name);
		}
	}

	private static StoredFile write(FileSink sink, String name, String text) throws IOException {
		try (PendingFile file = sink.create(name)) {
			OutputStream out = file.stream();
			out.write(text.getBytes(StandardCharsets.UTF_8));
			return file.commit();
		}
	}

	private static String version() {
		String version = NativeExportRecord.class.getPackage().getImplementationVersion();
		return (version != null) ? version : "dev";
	}

}
