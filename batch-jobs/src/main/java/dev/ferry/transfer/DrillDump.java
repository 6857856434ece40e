package dev.ferry.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.util.FileSystemUtils;

import dev.ferry.cluster.SqlNames;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.ManifestWriter;
import dev.ferry.storage.FileModes;

/**
 * The dump a restore drill loads: the export's files seen through symbolic links in the drill's own record directory,
 * every database renamed to {@code <db>_drill_<drillRecordId>}. myloader takes a database from a file's name, so the
 * links carry the new names; only {@code <db>-schema-create.sql}, which names the database inside, is a rewritten copy,
 * and {@code manifest.json} is rewritten with the new names so that the import's own verification counts the drill's
 * tables. The export's files are read in place and never changed. (myloader 0.10's {@code --database} renames one
 * database only; this works for any number.)
 */
final class DrillDump {

	/** Job execution context key: the drill's databases, one per line. */
	static final String DATABASES = "drill.databases";

	private static final String SCHEMA_CREATE = "-schema-create.sql";

	private static final int MAX_NAME = 64;

	private DrillDump() {
	}

	/** {@code <db>_drill_<id>}, the database part shortened to keep MariaDB's 64-character limit. */
	static String drillName(String database, long drillRecordId) {
		String suffix = "_drill_" + drillRecordId;
		int keep = Math.min(database.length(), MAX_NAME - suffix.length());
		if (keep > 0 && keep < database.length() && Character.isHighSurrogate(database.charAt(keep - 1))) {
			keep--;
		}
		return database.substring(0, keep) + suffix;
	}

	/** Builds the renamed view of {@code source} in {@code view}; answers each database's drill name. */
	static Map<String, String> link(Path source, Path view, long drillRecordId) throws IOException {
		if (!Files.exists(source.resolve(Manifest.FILE_NAME))) {
			throw new IllegalStateException("the export has no manifest.json: a drill verifies against it");
		}
		Manifest manifest = ManifestWriter.read(source);
		List<Path> files;
		try (Stream<Path> list = Files.list(source)) {
			files = list.sorted().toList();
		}
		Set<String> databases = new TreeSet<>();
		manifest.tables().forEach((table) -> databases.add(table.database()));
		for (Path file : files) {
			String name = file.getFileName().toString();
			if (name.endsWith(SCHEMA_CREATE)) {
				databases.add(name.substring(0, name.length() - SCHEMA_CREATE.length()));
			}
		}
		Map<String, String> names = new TreeMap<>();
		databases.forEach((db) -> names.put(db, drillName(db, drillRecordId)));
		FileSystemUtils.deleteRecursively(view);
		FileModes.createDirectories(view);
		for (Path file : files) {
			String name = file.getFileName().toString();
			if (name.equals(Manifest.FILE_NAME)) {
				continue;
			}
			String db = owner(name, databases);
			String linked = (db == null) ? name : names.get(db) + name.substring(db.length());
			if (db != null && name.equals(db + SCHEMA_CREATE)) {
				String sql = Files.readString(file, StandardCharsets.UTF_8);
				Files.writeString(view.resolve(linked),
						sql.replace(SqlNames.quote(db), SqlNames.quote(names.get(db))), StandardCharsets.UTF_8);
			}
			else {
				Files.createSymbolicLink(view.resolve(linked), file.toAbsolutePath());
			}
		}
		ManifestWriter.save(view, renamed(manifest, names));
		return names;
	}

	/** The database a dump file belongs to: the longest one its name starts with, followed by '.' or '-'. */
	private static @Nullable String owner(String fileName, Set<String> databases) {
		String owner = null;
		for (String db : databases) {
			if ((fileName.startsWith(db + ".") || fileName.startsWith(db + "-"))
					&& (owner == null || db.length() > owner.length())) {
				owner = db;
			}
		}
		return owner;
	}

	private static Manifest renamed(Manifest manifest, Map<String, String> names) {
		return new Manifest(manifest.format(), manifest.tool(), manifest.engine(), manifest.snapshots(),
				manifest.tables()
					.stream()
					.map((t) -> new Manifest.Table(names.getOrDefault(t.database(), t.database()), t.table(), t.rows()))
					.toList(),
				manifest.files(), manifest.escapedNames());
	}

	static String joined(Map<String, String> names) {
		return String.join("\n", names.values());
	}

	static List<String> split(String joined) {
		return joined.isEmpty() ? List.of() : List.of(joined.split("\n"));
	}

	/** The drill databases (of {@code names}) that already exist on the drill cluster: a drill never touches those. */
	static List<String> existing(java.sql.Connection target, Map<String, String> names) throws java.sql.SQLException {
		List<String> found = new java.util.ArrayList<>();
		try (var exists = target
			.prepareStatement("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
			for (String drill : names.values()) {
				exists.setString(1, drill);
				try (var rs = exists.executeQuery()) {
					rs.next();
					if (rs.getInt(1) > 0) {
						found.add(drill);
					}
				}
			}
		}
		return found;
	}

}
