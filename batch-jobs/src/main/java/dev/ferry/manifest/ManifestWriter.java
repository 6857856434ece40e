package dev.ferry.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.ferry.storage.FileModes;

/**
 * Builds {@code manifest.json} (format {@value Manifest#FORMAT}) for a dump directory: every file's size and CRC32C
 * (and sha256 when asked for) and – for data files – its rows counted (mydumper and dumpling write one row per line
 * starting with {@code (} in their INSERTs; line breaks inside values are escaped). CSV rows are not counted (a quoted
 * value may span lines): such files and tables are listed with {@link Manifest#UNKNOWN_ROWS} and not verified by
 * count.
 * <p>
 * The work can overlap the dump: {@link #catchUp()} scans what the tool has appended so far (call it while the tool
 * runs); {@link #finish(String)} scans the rest, re-reads any file changed behind the scan, and writes the manifest.
 */
public final class ManifestWriter {

	/** Indented; what a file or the export does not have (a sha256 not asked for, rows of a schema file) is left out. */
	static final JsonMapper JSON = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private final Path data;

	private final Map<Path, FileScan> scans = new HashMap<>();

	private final Map<Path, FileTime> scannedAt = new HashMap<>();

	private final boolean sha256;

	private final ByteBuffer buffer = FileScan.buffer();

	private volatile Map<String, Long> rowsSoFar = Map.of();

	private long bytesRead;

	/** A writer that checksums with CRC32C only. */
	public ManifestWriter(Path data) {
		this(data, false);
	}

	/** @param sha256 whether every file also gets a sha256 (slower: CRC32C alone runs at memory speed) */
	public ManifestWriter(Path data, boolean sha256) {
		this.data = data;
		this.sha256 = sha256;
	}

	/**
	 * Scans the bytes written since the last call; cheap when nothing changed. A file renamed since (mydumper writes
	 * {@code db.t.00001.sql} and renames it {@code db.t.sql} when the table fit in one chunk) keeps its scan: it is
	 * known by its file key (device and inode), not read again.
	 */
	public synchronized void catchUp() throws IOException {
		List<Path> files = files();
		Set<Path> present = new HashSet<>(files);
		Map<Object, Path> gone = new HashMap<>();
		this.scans.forEach((file, scan) -> {
			if (!present.contains(file) && scan.fileKey() != null) {
				gone.put(scan.fileKey(), file);
			}
		});
		for (Path file : files) {
			FileScan scan = this.scans.get(file);
			if (scan == null) {
				Path renamed = gone.remove(fileKey(file));
				scan = (renamed != null) ? this.scans.remove(renamed).renamedTo(file) : new FileScan(file, this.sha256);
				if (renamed != null) {
					this.scannedAt.put(file, this.scannedAt.remove(renamed));
				}
				this.scans.put(file, scan);
			}
			try {
				FileTime modified = Files.getLastModifiedTime(file);
				long before = scan.offset();
				scan.readTo(this.buffer);
				this.bytesRead += scan.offset() - before;
				this.scannedAt.put(file, modified);
			}
			catch (IOException ex) { // shrank or vanished: scan it again from the start later
				this.scans.remove(file);
			}
		}
		this.scans.keySet().removeIf((file) -> !present.contains(file));
		this.scannedAt.keySet().removeIf((file) -> !present.contains(file));
		Map<String, Long> rows = new HashMap<>();
		this.scans.forEach((file, scan) -> DumpFile.of(file.getFileName().toString())
			.filter(DumpFile::data)
			.ifPresent((d) -> rows.merge(d.qualifiedName(), Math.max(0, scan.tableRows()), Long::sum)));
		this.rowsSoFar = Map.copyOf(rows);
	}

	private static @Nullable Object fileKey(Path file) {
		try {
			return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * The rows counted so far in each table's data files, by {@code db.table}, as of the last {@link #catchUp()}:
	 * read while a scan runs, never waiting for it.
	 */
	public Map<String, Long> rowsSoFar() {
		return this.rowsSoFar;
	}

	/** Bytes read so far: each byte of the dump once, unless a file changed behind the scan. */
	synchronized long bytesRead() {
		return this.bytesRead;
	}

	/** Completes the scan and writes {@code manifest.json}. */
	public synchronized Manifest finish(String tool) throws IOException {
		catchUp();
		List<Path> files = files();
		Map<String, Manifest.Table> tables = new TreeMap<>();
		List<Manifest.FileEntry> entries = new ArrayList<>();
		for (Path file : files) {
			FileScan scan = this.scans.get(file);
			if (scan == null || Files.size(file) != scan.offset()
					|| !Files.getLastModifiedTime(file).equals(this.scannedAt.get(file))) {
				scan = new FileScan(file, this.sha256); // changed behind the incremental scan: read it whole
				scan.readTo(this.buffer);
				this.bytesRead += scan.offset();
			}
			String name = file.getFileName().toString();
			entries.add(new Manifest.FileEntry(this.data.relativize(file).toString(), scan.offset(), scan.crc32cHex(),
					scan.sha256Hex(), scan.rows(), compression(name), null));
			long rows = scan.tableRows();
			DumpFile.of(file.getFileName().toString())
				.ifPresent((d) -> tables.merge(d.qualifiedName(), new Manifest.Table(d.database(), d.table(), rows),
						(a, b) -> new Manifest.Table(a.database(), a.table(),
								a.rows() < 0 || b.rows() < 0 ? Manifest.UNKNOWN_ROWS : a.rows() + b.rows())));
		}
		for (Path file : files) { // mydumper writes a placeholder table schema for each view: views hold no rows
			String name = file.getFileName().toString();
			if (name.endsWith("-schema-view.sql")) {
				tables.remove(name.substring(0, name.length() - "-schema-view.sql".length()));
			}
		}
		Manifest manifest = new Manifest(Manifest.FORMAT, tool, List.copyOf(tables.values()), entries);
		JSON.writeValue(this.data.resolve(Manifest.FILE_NAME).toFile(), manifest);
		FileModes.restrict(this.data.resolve(Manifest.FILE_NAME));
		return manifest;
	}

	/** Scans a finished dump in one go and writes its manifest (CRC32C only). */
	public static Manifest write(Path data, String tool) throws IOException {
		return new ManifestWriter(data).finish(tool);
	}

	/** How a file is compressed, by its name: {@code gzip}, {@code zstd} or {@code none}. */
	static String compression(String fileName) {
		if (fileName.endsWith(".gz")) {
			return "gzip";
		}
		return fileName.endsWith(".zst") ? "zstd" : "none";
	}

	/** Writes a manifest built elsewhere (a restore drill's renamed copy) into {@code data}. */
	public static void save(Path data, Manifest manifest) throws IOException {
		JSON.writeValue(data.resolve(Manifest.FILE_NAME).toFile(), manifest);
		FileModes.restrict(data.resolve(Manifest.FILE_NAME));
	}

	public static Manifest read(Path data) {
		return JSON.readValue(data.resolve(Manifest.FILE_NAME).toFile(), Manifest.class);
	}

	private List<Path> files() throws IOException {
		if (!Files.isDirectory(this.data)) {
			return List.of();
		}
		try (Stream<Path> walk = Files.walk(this.data)) {
			return walk.filter(Files::isRegularFile)
				.filter((p) -> !p.getFileName().toString().equals(Manifest.FILE_NAME))
				.sorted()
				.toList();
		}
	}

}
