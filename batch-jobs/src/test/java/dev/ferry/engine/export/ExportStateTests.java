package dev.ferry.engine.export;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.ferry.engine.snapshot.SnapshotPoint;

import static org.assertj.core.api.Assertions.assertThat;

/** What a native export keeps across restarts in its job execution context. */
class ExportStateTests {

	@Test
	void tidbWithoutAServerHereARestartReadsAtTheTsoOfTheFirstSnapshotAgain() {
		ExportState state = new ExportState(new ExecutionContext());
		state.addSnapshot(new SnapshotPoint("tidb", Instant.EPOCH, true, null, null, null, null, "449572811542691841",
				null));
		state.addSnapshot(new SnapshotPoint("tidb", Instant.EPOCH, true, null, null, null, null, "449572811542691841",
				null));

		assertThat(ExportPartitioner.reusableTso(state)).isEqualTo("449572811542691841");
	}

	@Test
	void mariadbHasNoTsoSoARestartTakesANewSnapshot() {
		ExportState state = new ExportState(new ExecutionContext());
		state.addSnapshot(new SnapshotPoint("mariadb", Instant.EPOCH, true, null, "mysql-bin.000001", 4L, null, null,
				null));

		assertThat(ExportPartitioner.reusableTso(state)).isNull();
	}

	@Test
	void snapshotsPlanAndFreshSurviveAsPlainValues() {
		ExecutionContext context = new ExecutionContext();
		ExportState state = new ExportState(context);
		state.planned(12, 10, 5000, 1 << 20, List.of("shop.log"));
		int index = state.addSnapshot(new SnapshotPoint("mariadb", Instant.parse("2026-01-01T00:00:00Z"), false,
				"no RELOAD", null, null, null, null, "log_bin is off"));
		context.put(ExportState.FRESH, true);

		ExportState read = new ExportState(context);

		assertThat(index).isZero();
		assertThat(read.planned()).isTrue();
		assertThat(read.partitions()).isEqualTo(12);
		assertThat(read.dataPartitions()).isEqualTo(10);
		assertThat(read.outside()).containsExactly("shop.log");
		assertThat(read.snapshots()).singleElement().satisfies((point) -> {
			assertThat(point.inconsistency()).isEqualTo("no RELOAD");
			assertThat(point.takenAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
		});
		assertThat(read.freshRequested()).isTrue();
		read.clearFresh();
		assertThat(read.freshRequested()).isFalse();
	}

}
