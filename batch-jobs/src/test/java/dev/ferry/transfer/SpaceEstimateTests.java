package dev.ferry.transfer;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

class SpaceEstimateTests {

	static final long MIB = 1024 * 1024;

	@Test
	void aTableIsItsRowsTimesTheirAverageLengthElseItsDataLength() {
		assertThat(SourceInventory.size(190, 80_000, 20 * MIB)).isEqualTo(15_200_000);
		assertThat(SourceInventory.size(0, 0, 16_384)).as("empty table: its pages").isEqualTo(16_384);
		assertThat(SourceInventory.size(0, 0, 0)).as("a view or NULL statistics").isZero();
		assertThat(SourceInventory.size(Long.MAX_VALUE / 2, 3, 0)).as("saturates").isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void anExportFitsWhenTheFreeSpaceHoldsTheEstimateTimesTheMargin() {
		assertThat(new SpaceEstimate(100 * MIB, 3, 120 * MIB, "/e", 1.2, null).fits()).isTrue();
		assertThat(new SpaceEstimate(100 * MIB, 3, 120 * MIB - 1, "/e", 1.2, null).fits()).isFalse();
		assertThat(new SpaceEstimate(100 * MIB, 3, 120 * MIB - 1, "/e", 1.2, null).requiredBytes())
			.isEqualTo(120 * MIB);
		assertThat(new SpaceEstimate(100 * MIB, 3, 1L, "/e", 0, null).fits()).as("margin 0: no check").isTrue();
		assertThat(new SpaceEstimate(null, 0, 1L, "/e", 1.2, "q").fits()).as("no estimate: no refusal").isTrue();
		assertThat(new SpaceEstimate(100 * MIB, 3, null, null, 1.2, "s3").fits()).as("nothing local").isTrue();
		assertThat(new SpaceEstimate(Long.MAX_VALUE, 3, Long.MAX_VALUE - 1, "/e", 2, null).requiredBytes())
			.isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void theRefusalNamesTheEstimateTheFreeSpaceAndTheSetting() {
		SpaceEstimate estimate = new SpaceEstimate(30 * MIB, 3, 4 * MIB, "/data/export", 1.2, null);

		assertThat(estimate.refusal()).isEqualTo("the export needs about 30.0 MiB (3 tables, estimated from the "
				+ "source's information_schema.TABLES) × margin 1.2 = 36.0 MiB, but the export root /data/export has "
				+ "only 4.0 MiB free. Free space there, choose fewer tables, or change "
				+ "ferry.transfers.space-margin (FERRY_SPACE_MARGIN) (0 turns this check off)");
		assertThat(estimate.summary())
			.isEqualTo("about 30.0 MiB in 3 tables; 4.0 MiB free on the export root /data/export");
		assertThat(new SpaceEstimate(null, 0, 4 * MIB, "/e", 1.2, SpacePreflight.QUERY_NOTE).summary())
			.isEqualTo("size not estimated; 4.0 MiB free on the export root /e (a query's result size cannot be "
					+ "estimated)");
		assertThat(SpaceEstimate.bytes(512L)).isEqualTo("512 B");
		assertThat(SpaceEstimate.margin(1.25)).isEqualTo("1.25");
		assertThat(SpaceEstimate.margin(2)).isEqualTo("2");
	}

	@Test
	void freeSpaceOfARootNotCreatedYetIsThatOfItsNearestParent(@TempDir Path dir) {
		Long free = SpacePreflight.usableSpace(dir.resolve("not/yet"));

		// the disk is shared: others write between the two reads, so the same disk is told by a close figure
		assertThat(free).isNotNull().isPositive()
			.isCloseTo(SpacePreflight.usableSpace(dir), offset(256 * MIB));
	}

	@Test
	void theTargetsDataDirectoryIsOnTheDiskWithTheLongestMountPrefix() {
		var root = new TargetDisks.Disk("/", 10);
		var varDisk = new TargetDisks.Disk("/var", 20);
		var varlib = new TargetDisks.Disk("/var/lib/mysql", 30);
		var varlibOther = new TargetDisks.Disk("/var/lib/my", 40);

		assertThat(TargetDisks.holding("/var/lib/mysql/", List.of(root, varDisk, varlib, varlibOther))).isEqualTo(varlib);
		assertThat(TargetDisks.holding("/var/lib/mysqlx/", List.of(root, varDisk, varlib, varlibOther))).isEqualTo(varDisk);
		assertThat(TargetDisks.holding("/srv/db", List.of(root, varDisk))).isEqualTo(root);
		assertThat(TargetDisks.holding("/srv/db", List.of(varDisk))).isNull();
	}

}
