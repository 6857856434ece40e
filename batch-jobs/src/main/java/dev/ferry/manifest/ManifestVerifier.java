package dev.ferry.manifest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Compares a target database's row counts with a manifest, table by table. */
public final class ManifestVerifier {

	private ManifestVerifier() {
	}

	/** The verdict: the tables whose counts differ (empty when all match). */
	public record Verification(int tables, long rows, List<String> mismatches) {

		public boolean passed() {
			return this.mismatches.isEmpty();
		}

		public String summary() {
			return passed() ? "verified: " + this.tables + " tables, " + this.rows + " rows match the manifest"
					: "verification failed: " + String.join("; ", this.mismatches);
		}

	}

	public static Verification verify(Manifest manifest, Connection target) throws SQLException {
		List<String> mismatches = new ArrayList<>();
		try (Statement statement = target.createStatement()) {
			for (Manifest.Table table : manifest.tables()) {
				if (table.rows() == Manifest.UNKNOWN_ROWS) {
					continue;
				}
				String sql = "SELECT COUNT(*) FROM " + quote(table.database()) + "." + quote(table.table());
				try (ResultSet rs = statement.executeQuery(sql)) {
					rs.next();
					long actual = rs.getLong(1);
					if (actual != table.rows()) {
						mismatches.add("table " + table.qualifiedName() + " has " + actual + " rows, the export has "
								+ table.rows());
					}
				}
				catch (SQLException ex) {
					mismatches.add("table " + table.qualifiedName() + " cannot be read: " + ex.getMessage());
				}
			}
		}
		return new Verification(manifest.tables().size(), manifest.totalRows(), mismatches);
	}

	static String quote(String identifier) {
		return "`" + identifier.replace("`", "``") + "`";
	}

}
