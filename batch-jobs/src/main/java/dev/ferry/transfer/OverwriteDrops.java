package dev.ferry.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.ferry.cluster.SqlNames;
import dev.ferry.manifest.DumpFile;

/**
 * What {@code overwrite} drops on the mysql chain, done by Ferry just before myloader starts instead of myloader
 * 0.10's {@code --overwrite-tables}: myloader names the table to drop from the file name up to its next dot, so for
 * the table {@code t.2} it would drop {@code t} – another table – and then fail to create {@code t.2}. Here every
 * table and view the dump creates is dropped by its exact, quoted name.
 */
final class OverwriteDrops {

	private static final String KIND = """
			SELECT TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?""";

	private OverwriteDrops() {
	}

	/** Drops the target's tables and views that the dump in {@code data} creates; returns how many. */
	static int drop(Connection target, Path data) throws SQLException, IOException {
		List<DumpFile> created;
		try (Stream<Path> files = Files.list(data)) {
			created = files.map((f) -> DumpFile.of(f.getFileName().toString()))
				.flatMap(Optional::stream)
				.filter((f) -> !f.data())
				.distinct()
				.toList();
		}
		int dropped = 0;
		try (PreparedStatement kind = target.prepareStatement(KIND); Statement statement = target.createStatement()) {
			for (DumpFile table : created) {
				kind.setString(1, table.database());
				kind.setString(2, table.table());
				try (ResultSet rs = kind.executeQuery()) {
					if (!rs.next()) {
						continue;
					}
					String what = "VIEW".equals(rs.getString(1)) ? "VIEW" : "TABLE";
					statement.execute("DROP " + what + " IF EXISTS " + SqlNames.qualified(table.database(), table.table()));
					dropped++;
				}
			}
		}
		return dropped;
	}

}
