package dev.ferry.record;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ETA of a running scheduled export from the schedule's earlier runs: only when the tool gives none, by size on
 * local storage, else by time; never done before it is, never backwards.
 */
class HistoryEtaTests {

	static final OffsetDateTime T0 = OffsetDateTime.of(2026, 12, 1, 2, 0, 0, 0, ZoneOffset.UTC);

	/** dumpling: bytes and files so far, no total. */
	static final Progress DUMPLING = Progress.running("exportDataFromCluster",
			Map.of("progress.phase", "dumping", "progress.bytes", 250L, "progress.files", 3L));

	@Test
	void theExpectationIsTheMedianOfTheLastFinishedRuns() {
		List<ExportRun> history = List.of(run(1, false, 100, 1000L), run(2, true, 5, null), run(3, false, 300, 3000L),
				run(4, false, 200, 2000L), run(5, false, 400, null));

		ExpectedRun expected = ExpectedRun.of(history).orElseThrow();

		assertThat(expected.samples()).as("failures do not count").isEqualTo(4);
		assertThat(expected.millis()).isEqualTo(250_000);
		assertThat(expected.bytes()).as("runs without a size do not count for size").isEqualTo(2000);
		assertThat(ExpectedRun.of(List.of(run(1, true, 10, null)))).as("nothing finished yet").isEmpty();
	}

	@Test
	void onlyTheNewestTenCount() {
		List<ExportRun> history = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			history.add(run(i, false, 1000, 1_000_000L));
		}
		for (int i = 5; i < 15; i++) {
			history.add(run(i, false, 10, 100L));
		}
		assertThat(ExpectedRun.of(history).orElseThrow()).isEqualTo(new ExpectedRun(100L, 10_000, 10));
	}

	@Test
	void bySizeOnLocalStorage() {
		Progress refined = DUMPLING.withHistory(new ExpectedRun(1000L, 60_000, 3), 10_000, true);

		assertThat(refined.estimatedFrom()).isEqualTo("history");
		assertThat(refined.percent()).isEqualTo(25);
		assertThat(refined.etaSeconds()).as("a quarter in 10 s: three quarters in 30 s").isEqualTo(30);
		assertThat(refined.bytes()).isEqualTo(250);
	}

	@Test
	void byTimeWhenTheSizeCannotTell() {
		Progress onS3 = DUMPLING.withHistory(new ExpectedRun(1000L, 60_000, 3), 15_000, false);
		assertThat(onS3.percent()).isEqualTo(25);
		assertThat(onS3.etaSeconds()).isEqualTo(45);

		Progress noSizes = DUMPLING.withHistory(new ExpectedRun(null, 60_000, 3), 30_000, true);
		assertThat(noSizes.percent()).isEqualTo(50);
		assertThat(noSizes.etaSeconds()).isEqualTo(30);
	}

	@Test
	void neverDoneBeforeItIs() {
		Progress bigger = progress(5000L).withHistory(new ExpectedRun(1000L, 60_000, 3), 50_000, true);
		assertThat(bigger.percent()).isEqualTo(HistoryEta.MAX_PERCENT);
		assertThat(bigger.etaSeconds()).as("bigger than usual: no ETA rather than a false 0").isNull();

		Progress slower = DUMPLING.withHistory(new ExpectedRun(null, 60_000, 3), 600_000, true);
		assertThat(slower.percent()).isEqualTo(HistoryEta.MAX_PERCENT);
		assertThat(slower.etaSeconds()).isNull();

		Progress almost = progress(999L).withHistory(new ExpectedRun(1000L, 60_000, 3), 59_000, true);
		assertThat(almost.percent()).isLessThan(100);
		assertThat(almost.etaSeconds()).as("at least a second while it runs").isEqualTo(1);
	}

	@Test
	void neverBackwards() {
		ExpectedRun expected = new ExpectedRun(10_000L, 100_000, 5);
		int last = -1;
		long[] bytes = { 0, 0, 100, 100, 2000, 5000, 9000, 9999, 10_000, 20_000 };
		for (int i = 0; i < bytes.length; i++) {
			Progress p = progress(bytes[i] == 0 ? null : bytes[i]).withHistory(expected, 1000L * (i + 1), true);
			assertThat(p.percent()).as("step %d", i).isGreaterThanOrEqualTo(last).isLessThan(100);
			last = p.percent();
		}
		last = -1;
		for (long elapsed = 0; elapsed < 300_000; elapsed += 7_000) {
			Progress p = DUMPLING.withHistory(expected, elapsed, false);
			assertThat(p.percent()).isGreaterThanOrEqualTo(last).isLessThan(100);
			last = p.percent();
		}
	}

	@Test
	void theToolsOwnEstimateWins() {
		ExecutionContext context = new ExecutionContext();
		context.putString(ProgressContext.PHASE, "dumping");
		ProgressContext.estimate(context, 3, 12, 30_000);
		Progress mydumper = Progress.running("exportDataFromCluster", context.toMap());
		assertThat(mydumper.estimatedFrom()).isEqualTo("tool");
		assertThat(mydumper.percent()).isEqualTo(25);

		Progress kept = mydumper.withHistory(new ExpectedRun(1000L, 60_000, 3), 10_000, true);

		assertThat(kept).isSameAs(mydumper);
		assertThat(kept.etaSeconds()).isEqualTo(90);
	}

	private static Progress progress(Long bytes) {
		Map<String, Object> context = new java.util.HashMap<>(Map.of("progress.phase", "dumping"));
		if (bytes != null) {
			context.put("progress.bytes", bytes);
		}
		return Progress.running("exportDataFromCluster", context);
	}

	private static ExportRun run(long id, boolean failed, long seconds, Long bytes) {
		OffsetDateTime start = T0.plusDays(id);
		return new ExportRun(id, failed, start, start.plusSeconds(seconds), bytes);
	}

}
