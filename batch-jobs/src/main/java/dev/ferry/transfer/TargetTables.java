package dev.ferry.transfer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.ferry.cluster.SqlNames;
import dev.ferry.manifest.DumpFile;

/** The import pre-check: which of a dump's tables already hold rows on the target. */
final class TargetTables {

	private TargetTables() {
	}

	/** The tables (of {@code tables}) that exist on the target and hold at least one row. */
	static List<String> nonEmpty(Connection target, Set<String> tables) throws SQLException {
		List<String> nonEmpty = new ArrayList<>();
		try (PreparedStatement exists = target.prepareStatement(
				"SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
						+ " AND TABLE_TYPE = 'BASE TABLE'");
				Statement statement = target.createStatement()) {
			for (String qualified : tables) {
				int dot = qualified.indexOf('.');
				String db = qualified.substring(0, dot);
				String table = qualified.substring(dot + 1);
				exists.setString(1, db);
				exists.setString(2, table);
				try (ResultSet rs = exists.executeQuery()) {
					rs.next();
					if (rs.getInt(1) == 0) {
						continue;
					}
				}
				try (ResultSet rs = statement.executeQuery("SELECT 1 FROM " + SqlNames.qualified(db, table) + " LIMIT 1")) {
					if (rs.next()) {
						nonEmpty.add(qualified);
					}
				}
			}
		}
		return nonEmpty;
	}

}
