package dev.ferry.transfer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The free space of an import target's data directory, where the server reports it: MariaDB's
 * {@code information_schema.DISKS} (the {@code disks} plugin; Ferry never installs it). MySQL and TiDB have no such
 * table, and without the plugin (or without the FILE privilege it asks for) MariaDB reports nothing either.
 */
final class TargetDisks {

	private static final String HAS_DISKS = """
			SELECT COUNT(*) FROM information_schema.TABLES
			WHERE TABLE_SCHEMA = 'information_schema' AND TABLE_NAME = 'DISKS'""";

	private static final String DISKS = "SELECT Path, Available FROM information_schema.DISKS";

	private static final String DATADIR = "SELECT @@datadir";

	private TargetDisks() {
	}

	/** One mount point and its free space, as DISKS reports it (Available is in KiB). */
	record Disk(String path, long availableBytes) {
	}

	/** The data directory and the disk that holds it; null when the server does not report disks. */
	record DataDisk(String datadir, Disk disk) {
	}

	static @Nullable DataDisk read(Connection target) throws SQLException {
		try (Statement statement = target.createStatement()) {
			try (ResultSet rs = statement.executeQuery(HAS_DISKS)) {
				if (!rs.next() || rs.getInt(1) == 0) {
					return null;
				}
			}
			String datadir;
			try (ResultSet rs = statement.executeQuery(DATADIR)) {
				rs.next();
				datadir = rs.getString(1);
			}
			List<Disk> disks = new ArrayList<>();
			try (ResultSet rs = statement.executeQuery(DISKS)) {
				while (rs.next()) {
					disks.add(new Disk(rs.getString(1), rs.getLong(2) * 1024));
				}
			}
			Disk disk = (datadir != null) ? holding(datadir, disks) : null;
			return (disk != null) ? new DataDisk(datadir, disk) : null;
		}
	}

	/** The disk whose mount point is the longest prefix (by path segments) of {@code datadir}; null if none. */
	static @Nullable Disk holding(String datadir, List<Disk> disks) {
		Disk best = null;
		for (Disk disk : disks) {
			String mount = disk.path().endsWith("/") ? disk.path() : disk.path() + "/";
			String dir = datadir.endsWith("/") ? datadir : datadir + "/";
			if (dir.startsWith(mount) && (best == null || disk.path().length() > best.path().length())) {
				best = disk;
			}
		}
		return best;
	}

}
