package dev.ferry.manifest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * {@code manifest.json} of an export: every table with its row count, every file with its size, CRC32C (sha256 when
 * asked for) and, for data files, its exact rows. Format 1 (before CRC32C) had sha256 only; both are read.
 * @param format version of this layout ({@link #FORMAT})
 * @param tool the tool that wrote the files ({@code mydumper}, {@code dumpling}, {@code native})
 * @param engine the native engine and its version; {@code null} for the external tools
 * @param snapshots the points in time the data was read at, in order: one for an export in one snapshot, several when a
 * resumed export read its remaining chunks from a new one; empty when the tool does not say
 * @param tables tables by {@code db.table}, with the rows the dump holds
 * @param files every file of the dump, relative to {@code data/}
 * @param escapedNames names that could not be file names: the escaped form used in file names → the real name
 */
public record Manifest(int format, String tool, @Nullable Engine engine, @Nullable List<Snapshot> snapshots,
		List<Table> tables, List<FileEntry> files, @Nullable Map<String, String> escapedNames) {

	public static final String FILE_NAME = "manifest.json";

	/** The layout written today. */
	public static final int FORMAT = 2;

	/** Rows of a table or file that were not counted, so not verified by count. */
	public static final long UNKNOWN_ROWS = -1;

	/** The manifest of an external tool's dump (no engine, no snapshot, no escaped names). */
	public Manifest(int format, String tool, List<Table> tables, List<FileEntry> files) {
		this(format, tool, null, List.of(), tables, files, Map.of());
	}

	public record Engine(String name, String version) {
	}

	/**
	 * One point in time. {@code consistent} is false when the export could not hold every table at this point (no
	 * privilege for the global read lock); {@code outside} lists the tables read outside it (non-transactional tables
	 * read after the lock was released).
	 */
	public record Snapshot(String kind, Instant takenAt, boolean consistent, @Nullable String binlogFile,
			@Nullable Long binlogPosition, @Nullable String gtid, @Nullable String tso, @Nullable List<String> outside) {
	}

	public record Table(String database, String table, long rows) {

		public String qualifiedName() {
			return this.database + "." + this.table;
		}

	}

	/**
	 * One file. {@code rows} is the exact row count of a data file ({@code null} for other files, {@link #UNKNOWN_ROWS}
	 * when not counted); {@code snapshot} is the index in {@link Manifest#snapshots()} its rows were read at.
	 */
	public record FileEntry(String path, long size, @Nullable String crc32c, @Nullable String sha256,
			@Nullable Long rows, @Nullable String compression, @Nullable Integer snapshot) {

		public FileEntry(String path, long size, @Nullable String crc32c, @Nullable String sha256) {
			this(path, size, crc32c, sha256, null, null, null);
		}

	}

	/** True when every table was read at one point in time. */
	public boolean consistent() {
		List<Snapshot> all = this.snapshots == null ? List.of() : this.snapshots;
		return all.size() == 1 && all.get(0).consistent();
	}

	public long totalRows() {
		return this.tables.stream().mapToLong(Table::rows).filter((rows) -> rows >= 0).sum();
	}

	public long totalBytes() {
		return this.files.stream().mapToLong(FileEntry::size).sum();
	}

}
