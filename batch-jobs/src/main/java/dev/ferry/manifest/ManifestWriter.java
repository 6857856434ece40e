package dev.ferry.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code manifest.json} into a dump directory: reads every file once, hashing it and – for data files –
 * counting rows (mydumper and dumpling write one row per line starting with {@code (} in their INSERTs; line
 * breaks inside values are escaped). CSV rows are not counted (a quoted value may span lines): such tables are
 * listed with {@link Manifest#UNKNOWN_ROWS} and not verified by count.
 */
public final class ManifestWriter {

	static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private ManifestWriter() {
	}

	public static Manifest write(Path data, String tool) throws IOException {
		Map<String, Manifest.Table> tables = new TreeMap<>();
		List<Manifest.FileEntry> files = new ArrayList<>();
		List<Path> paths;
		try (Stream<Path> walk = Files.walk(data)) {
			paths = walk.filter(Files::isRegularFile)
				.filter((p) -> !p.getFileName().toString().equals(Manifest.FILE_NAME))
				.sorted()
				.toList();
		}
		for (Path file : paths) {
			var dumpFile = DumpFile.of(file.getFileName().toString());
			boolean csv = file.getFileName().toString().endsWith(".csv");
			boolean countRows = dumpFile.map(DumpFile::data).orElse(false) && !csv;
			Scan scan = scan(file, countRows, csv);
			files.add(new Manifest.FileEntry(data.relativize(file).toString(), scan.size(), scan.sha256()));
			dumpFile.ifPresent((d) -> tables.merge(d.qualifiedName(),
					new Manifest.Table(d.database(), d.table(), scan.rows()),
					(a, b) -> new Manifest.Table(a.database(), a.table(),
							a.rows() < 0 || b.rows() < 0 ? Manifest.UNKNOWN_ROWS : a.rows() + b.rows())));
		}
		for (Path file : paths) { // mydumper writes a placeholder table schema for each view: views hold no rows
			String name = file.getFileName().toString();
			if (name.endsWith("-schema-view.sql")) {
				tables.remove(name.substring(0, name.length() - "-schema-view.sql".length()));
			}
		}
		Manifest manifest = new Manifest(1, tool, List.copyOf(tables.values()), files);
		JSON.writeValue(data.resolve(Manifest.FILE_NAME).toFile(), manifest);
		return manifest;
	}

	public static Manifest read(Path data) {
		return JSON.readValue(data.resolve(Manifest.FILE_NAME).toFile(), Manifest.class);
	}

	private record Scan(long size, String sha256, long rows) {
	}

	private static Scan scan(Path file, boolean countRows, boolean csv) throws IOException {
		MessageDigest digest = sha256();
		long size = 0;
		long rows = 0;
		boolean lineStart = true;
		byte[] buffer = new byte[1 << 16];
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				size += n;
				if (countRows) {
					for (int i = 0; i < n; i++) {
						byte b = buffer[i];
						if (lineStart && b == '(') {
							rows++;
						}
						lineStart = b == '\n';
					}
				}
			}
		}
		return new Scan(size, HexFormat.of().formatHex(digest.digest()), csv ? Manifest.UNKNOWN_ROWS : rows);
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
