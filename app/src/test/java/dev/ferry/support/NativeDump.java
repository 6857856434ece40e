package dev.ferry.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;

import com.github.luben.zstd.ZstdInputStream;

import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.ManifestWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a test can check of a native export's {@code data/} directory by reading the files themselves, without
 * trusting the engine: which files carry a final data-file name, which are still temporary, whether a file is whole,
 * and whether the manifest matches the bytes on disk.
 * <p>
 * A final data-file name is one that tidb-lightning's default data rule routes as a data file
 * ({@code pkg/lightning/mydump/router.go}: {@code {db}.{t}[.{N}].sql|csv[.{compression}]}, a database without
 * {@code .} or {@code /}) and that does not start with {@code .}; the local sink writes a file as
 * {@code .{name}.partial} and renames it when complete, so a temporary file never looks final to a reader.
 */
public final class NativeDump {

	/** Lightning's default data-file rule (router.go), with the {@code -schema} files excluded. */
	private static final Pattern DATA_FILE = Pattern
		.compile("(?i)^([^/.]+)\\.(.*?)(?:\\.([0-9]+))?\\.(sql|csv)(?:\\.(\\w+))?$");

	private static final Pattern SCHEMA_FILE = Pattern.compile("(?i).*-schema(-[a-z]+)?\\.sql(\\.\\w+)?$");

	private NativeDump() {
	}

	/** One file as the test read it. */
	public record FileState(long size, String crc32c) {
	}

	/** The files under a final data-file name, with their size and CRC32C as read now. */
	public static Map<String, FileState> dataFiles(Path data) {
		Map<String, FileState> files = new TreeMap<>();
		for (String name : names(data)) {
			if (!name.startsWith(".") && DATA_FILE.matcher(name).matches() && !SCHEMA_FILE.matcher(name).matches()) {
				Path file = data.resolve(name);
				files.put(name, new FileState(size(file), crc32c(file)));
			}
		}
		return files;
	}

	/** The writers' temporary files ({@code .{name}.partial}). */
	public static List<String> partials(Path data) {
		return names(data).stream().filter((name) -> name.startsWith(".") && name.endsWith(".partial")).toList();
	}

	/**
	 * Asserts that a data file is whole: its compression stream ends properly (gzip's trailer with its CRC and
	 * length, zstd's frame end), and its text ends where a writer finishes a file: SQL after a statement's
	 * {@code ;\n}, CSV after a line's {@code \n}.
	 */
	public static void assertWhole(Path file) {
		String name = file.getFileName().toString();
		byte[] text;
		try (InputStream in = open(file)) {
			text = in.readAllBytes();
		}
		catch (IOException ex) {
			throw new AssertionError(name + " is not a whole compressed stream: " + ex, ex);
		}
		assertThat(text).as("%s is empty", name).isNotEmpty();
		String end = new String(text, Math.max(0, text.length - 2), Math.min(2, text.length),
				java.nio.charset.StandardCharsets.ISO_8859_1);
		if (name.contains(".sql")) {
			assertThat(end).as("%s ends after a whole statement", name).isEqualTo(";\n");
		}
		else {
			assertThat(end).as("%s ends after a whole line", name).endsWith("\n");
		}
	}

	/** The data file's bytes as the writer produced them before compression. */
	public static InputStream open(Path file) throws IOException {
		String name = file.getFileName().toString();
		InputStream in = Files.newInputStream(file);
		if (name.endsWith(".gz")) {
			return new GZIPInputStream(in);
		}
		if (name.endsWith(".zst")) {
			return new ZstdInputStream(in);
		}
		return in;
	}

	/**
	 * Asserts that the finished dump and its manifest agree: every file the manifest lists exists with its size and
	 * CRC32C, every data file on disk is listed, no temporary file is left, and the tables' rows are the sum of
	 * their files' rows.
	 * @return the manifest
	 */
	public static Manifest assertMatchesManifest(Path data) {
		Manifest manifest = ManifestWriter.read(data);
		assertThat(partials(data)).as("temporary files left in a finished export").isEmpty();
		Map<String, Manifest.FileEntry> listed = new TreeMap<>();
		for (Manifest.FileEntry entry : manifest.files()) {
			listed.put(entry.path(), entry);
			Path file = data.resolve(entry.path());
			assertThat(file).as("listed in the manifest").isRegularFile();
			assertThat(size(file)).as("size of %s", entry.path()).isEqualTo(entry.size());
			assertThat(crc32c(file)).as("CRC32C of %s", entry.path()).isEqualTo(entry.crc32c());
		}
		Map<String, FileState> onDisk = dataFiles(data);
		assertThat(listed.keySet()).as("every data file on disk is in the manifest").containsAll(onDisk.keySet());
		Map<String, Long> rowsByTable = new TreeMap<>();
		for (String name : onDisk.keySet()) {
			Manifest.FileEntry entry = listed.get(name);
			assertThat(entry.rows()).as("rows of %s", name).isNotNull().isNotNegative();
			var parsed = dev.ferry.engine.format.FileNames.parse(name).orElseThrow();
			rowsByTable.merge(parsed.database() + "." + parsed.table(), entry.rows(), Long::sum);
		}
		for (Manifest.Table table : manifest.tables()) {
			assertThat(rowsByTable.getOrDefault(table.qualifiedName(), 0L)).as("rows of %s", table.qualifiedName())
				.isEqualTo(table.rows());
		}
		return manifest;
	}

	/** CRC32C of a file's bytes, 8 lowercase hex digits, as the manifest writes it. */
	public static String crc32c(Path file) {
		CRC32C crc = new CRC32C();
		byte[] buffer = new byte[64 * 1024];
		try (InputStream in = Files.newInputStream(file)) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				crc.update(buffer, 0, n);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return HexFormat.of().toHexDigits((int) crc.getValue());
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static List<String> names(Path data) {
		if (!Files.isDirectory(data)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(data)) {
			return files.map((f) -> f.getFileName().toString()).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
