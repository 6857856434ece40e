package dev.ferry.transfer;

import java.util.Collection;
import java.util.List;

import dev.ferry.cluster.SqlNames;
import dev.ferry.error.FerryException;

/**
 * The databases a mysql-chain dump creates, from their {@code db-schema-create.sql} files: the one file name that
 * holds a database's name whole. A database with a dot (an export made before the pre-check refused them, or a dump
 * from elsewhere) is refused before the import starts: myloader 0.10 reads the database from a file name up to its
 * first dot, so it would restore {@code db.dot} into {@code db}.
 */
final class DumpDatabases {

	private DumpDatabases() {
	}

	/** @param databases the databases the dump creates ({@link dev.ferry.dump.DumpContents#databases()}) */
	static void check(Collection<String> databases) {
		List<String> dotted = databases.stream()
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
