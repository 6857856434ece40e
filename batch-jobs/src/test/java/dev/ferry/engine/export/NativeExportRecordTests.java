package dev.ferry.engine.export;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ferry.engine.snapshot.SnapshotPoint;
import dev.ferry.manifest.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/** What the native record says about its consistency, and its mydumper-format metadata file. */
class NativeExportRecordTests {

	static final SnapshotPoint LOCKED = new SnapshotPoint("mariadb", Instant.parse("2026-01-02T03:04:05Z"), true, null,
			"mysql-bin.000001", 787L, "0-7-3", null, null);

	static final SnapshotPoint UNLOCKED = new SnapshotPoint("mariadb", Instant.parse("2026-01-02T04:00:00Z"), false,
			"no RELOAD", null, null, null, null, "the server writes no binary log (log_bin is off)");

	@Test
	void oneLockedSnapshotWithoutNonTransactionalTablesIsConsistent() {
		assertThat(NativeExportRecord.consistency(List.of(LOCKED), List.of())).isNull();
	}

	@Test
	void severalSnapshotsNoLockAndTablesOutsideAreEachSaid() {
		String reason = NativeExportRecord.consistency(List.of(LOCKED, UNLOCKED), List.of("shop.log"));

		assertThat(reason).startsWith("spans 2 snapshots").contains("no RELOAD")
			.contains("1 non-transactional table was read outside the snapshot: shop.log");
	}

	@Test
	void metadataHasMydumpersLayout() {
		String text = MetadataFile.text(Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T03:05:00Z"),
				LOCKED, ZoneOffset.UTC);

		assertThat(text).isEqualTo("Started dump at: 2026-01-02 03:04:05\nSHOW MASTER STATUS:\n\tLog: mysql-bin.000001"
				+ "\n\tPos: 787\n\tGTID:0-7-3\n\nFinished dump at: 2026-01-02 03:05:00\n");
	}

	@Test
	void metadataWithoutABinaryLogHasNoPositionAndTidbHasItsTso() {
		assertThat(MetadataFile.text(Instant.EPOCH, Instant.EPOCH, UNLOCKED, ZoneOffset.UTC))
			.isEqualTo("Started dump at: 1970-01-01 00:00:00\nFinished dump at: 1970-01-01 00:00:00\n");
		SnapshotPoint tidb = new SnapshotPoint("tidb", Instant.EPOCH, true, null, null, null, null, "449572811542691841",
				null);
		assertThat(MetadataFile.text(Instant.EPOCH, Instant.EPOCH, tidb, ZoneOffset.UTC))
			.contains("SHOW MASTER STATUS:\n\tLog: tidb-binlog\n\tPos: 449572811542691841\n\tGTID:\n\n");
	}

	@Test
	void escapedNamesInFileNamesMapBackToTheRealNames() {
		List<Manifest.FileEntry> files = List.of(new Manifest.FileEntry("db%2Ex.t%2Fy.00000.sql", 1, "00000000", null),
				new Manifest.FileEntry("plain.t.00000.sql", 1, "00000000", null));

		assertThat(NativeExportRecord.escapes(files)).containsEntry("db%2Ex", "db.x").containsEntry("t%2Fy", "t/y")
			.hasSize(2);
	}

}
