package dev.ferry.manifest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.ferry.cluster.SqlNames;

/** Compares a target database's row counts with a manifest, table by table, a few tables at a time. */
public final class ManifestVerifier {

	private ManifestVerifier() {
	}

	/** Opens a connection to the target (each worker counts on its own). */
	@FunctionalInterface
	public interface Connections {

		Connection open() throws SQLException;

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

	public static Verification verify(Manifest manifest, Connections connections, int parallelism)
			throws SQLException, InterruptedException {
		List<Manifest.Table> counted = manifest.tables().stream().filter((t) -> t.rows() != Manifest.UNKNOWN_ROWS).toList();
		int workers = Math.max(1, Math.min(parallelism, counted.size()));
		ExecutorService pool = Executors.newFixedThreadPool(workers);
		try {
			List<Future<List<String>>> parts = new ArrayList<>();
			for (int w = 0; w < workers; w++) {
				int first = w;
				parts.add(pool.submit(() -> {
					List<String> found = new ArrayList<>();
					try (Connection target = connections.open(); Statement statement = target.createStatement()) {
						for (int i = first; i < counted.size(); i += workers) {
							check(statement, counted.get(i), found);
						}
					}
					return found;
				}));
			}
			List<String> mismatches = new ArrayList<>();
			for (Future<List<String>> part : parts) {
				mismatches.addAll(part.get());
			}
			mismatches.sort(null);
			return new Verification(manifest.tables().size(), manifest.totalRows(), mismatches);
		}
		catch (ExecutionException ex) {
			throw ex.getCause() instanceof SQLException sql ? sql : new SQLException(ex.getCause());
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void check(Statement statement, Manifest.Table table, List<String> mismatches) {
		String sql = "SELECT COUNT(*) FROM " + SqlNames.qualified(table.database(), table.table());
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
