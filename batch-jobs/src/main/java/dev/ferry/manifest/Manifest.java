package dev.ferry.manifest;

import java.util.List;

/**
 * {@code manifest.json} of an export: every table with its row count, every file with size and sha256.
 * @param format version of this layout
 * @param tables tables by {@code db.table}, with the rows the dump holds
 * @param files every file of the dump, relative to {@code data/}
 */
public record Manifest(int format, String tool, List<Table> tables, List<FileEntry> files) {

	public static final String FILE_NAME = "manifest.json";

	/** Rows of a table dumped as CSV: not counted, so not verified by count. */
	public static final long UNKNOWN_ROWS = -1;

	public record Table(String database, String table, long rows) {

		public String qualifiedName() {
			return this.database + "." + this.table;
		}

	}

	public record FileEntry(String path, long size, String sha256) {
	}

	public long totalRows() {
		return this.tables.stream().mapToLong(Table::rows).filter((rows) -> rows >= 0).sum();
	}

	public long totalBytes() {
		return this.files.stream().mapToLong(FileEntry::size).sum();
	}

}
