package dev.ferry.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.ferry.cluster.SqlNames;
import dev.ferry.error.FerryException;

/**
 * The databases a mysql-chain dump creates, from their {@code db-schema-create.sql} files: the one file name that
 * holds a database's name whole. A database with a dot (an export made before the pre-check refused them, or a dump
 * from elsewhere) is refused before the import starts: myloader 0.10 reads the database from a file name up to its
 * first dot, so it would restore {@code db.dot} into {@code db}.
 */
final class DumpDatabases {

	static final String CREATE_SUFFIX = "-schema-create.sql";

	private DumpDatabases() {
	}

	static void checkDirectory(Path data) {
		try (Stream<Path> files = Files.list(data)) {
			check(files.map((f) -> f.getFileName().toString()).toList());
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot list the dump in " + data + ": " + ex.getMessage(), ex);
		}
	}

	static void checkZip(Path zip) {
		try (ZipFile file = new ZipFile(zip.toFile())) {
			check(file.stream().filter((e) -> !e.isDirectory()).map(ZipEntry::getName).toList());
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot read the uploaded zip " + zip + ": " + ex.getMessage(), ex);
		}
	}

	/** @param names file names or paths ({@code /}-separated) of the dump */
	static void check(Collection<String> names) {
		List<String> dotted = names.stream()
			.map((name) -> name.substring(name.lastIndexOf('/') + 1))
			.filter((name) -> name.endsWith(CREATE_SUFFIX))
			.map((name) -> name.substring(0, name.length() - CREATE_SUFFIX.length()))
			.filter((db) -> db.indexOf('.') >= 0)
			.distinct()
			.sorted()
			.map(SqlNames::quote)
			.toList();
		if (!dotted.isEmpty()) {
			throw FerryException.invalid("the mysql tool chain (myloader 0.10) cannot import databases whose name has "
					+ "a dot (it reads the database from a file name up to its first dot, and would restore into "
					+ "another database): " + String.join(", ", dotted));
		}
	}

}
