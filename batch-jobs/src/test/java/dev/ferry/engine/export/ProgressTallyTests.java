package dev.ferry.engine.export;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The progress summed from the partitions: never done before it is, never backwards, honest about its estimate. */
class ProgressTallyTests {

	@Test
	void rowsOfRunningAndCompletedChunksAddUpWithAnEtaFromThisAttemptsSpeed() {
		ProgressTally tally = new ProgressTally(1000, 4, 0, 0, 0, 0);
		tally.writing(1, 100, 1_000);
		tally.completed(2, 250, 2_500);

		ProgressTally.Snapshot now = tally.now(10_000);

		assertThat(now.rows()).isEqualTo(350);
		assertThat(now.bytes()).isEqualTo(3_500);
		assertThat(now.chunksDone()).isEqualTo(1);
		assertThat(now.chunksTotal()).isEqualTo(4);
		assertThat(now.percent()).isEqualTo(35);
		assertThat(now.etaSeconds()).isEqualTo(18); // 650 rows left at 35 rows/s
		assertThat(now.bytesPerSecond()).isEqualTo(350);
	}

	@Test
	void aChunkThatEndsWithoutCompletingDoesNotMakeTheProgressGoBackwards() {
		ProgressTally tally = new ProgressTally(1000, 2, 0, 0, 0, 0);
		tally.writing(1, 400, 4_000);
		ProgressTally.Snapshot before = tally.now(1_000);

		tally.abandoned(1);
		ProgressTally.Snapshot after = tally.now(2_000);

		assertThat(after.rows()).isEqualTo(before.rows());
		assertThat(after.percent()).isGreaterThanOrEqualTo(before.percent());
	}

	@Test
	void itNeverSaysDoneBeforeTheExportFinishedEvenPastTheEstimate() {
		ProgressTally tally = new ProgressTally(100, 2, 0, 0, 0, 0);
		tally.completed(1, 80, 800);
		tally.completed(2, 150, 1_500);

		ProgressTally.Snapshot now = tally.now(5_000);

		assertThat(now.percent()).isEqualTo(99);
		assertThat(now.rowsTotal()).as("never below what was written").isEqualTo(230);
		assertThat(now.etaSeconds()).as("no ETA once the estimate is exceeded").isNull();
	}

	@Test
	void aResumedAttemptCountsTheEarlierChunksButTakesItsSpeedFromItsOwnRows() {
		ProgressTally tally = new ProgressTally(1000, 10, 500, 5_000, 5, 0);
		tally.writing(7, 100, 1_000);

		ProgressTally.Snapshot now = tally.now(10_000);

		assertThat(now.rows()).isEqualTo(600);
		assertThat(now.chunksDone()).isEqualTo(5);
		assertThat(now.percent()).isEqualTo(60);
		assertThat(now.etaSeconds()).isEqualTo(40); // 400 rows left at 10 rows/s (this attempt's 100 rows in 10 s)
	}

}
