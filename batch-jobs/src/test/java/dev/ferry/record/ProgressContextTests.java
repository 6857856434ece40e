package dev.ferry.record;

import org.junit.jupiter.api.Test;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Percent and ETA as every chain records them: never backwards, never done before the end, no ETA 0 while running. */
class ProgressContextTests {

	@Test
	void thePercentNeverGoesDownAndStaysBelowOneHundred() {
		ExecutionContext context = new ExecutionContext();

		ProgressContext.estimate(context, 50, 100, 10_000);
		assertThat(context.getInt(ProgressContext.PERCENT)).isEqualTo(50);

		ProgressContext.estimate(context, 55, 200, 12_000); // the total grew: the estimate was low
		assertThat(context.getInt(ProgressContext.PERCENT)).isEqualTo(50);

		ProgressContext.estimate(context, 200, 200, 20_000); // all seen, but the step still runs
		assertThat(context.getInt(ProgressContext.PERCENT)).isEqualTo(99);
		assertThat(context.getLong(ProgressContext.ETA_SECONDS)).isEqualTo(1);
	}

	@Test
	void theEtaFollowsThePaceAndIsUnknownWhileNothingIsDone() {
		ExecutionContext context = new ExecutionContext();

		ProgressContext.estimate(context, 0, 3_000_000, 1_000);
		assertThat(context.containsKey(ProgressContext.ETA_SECONDS)).isFalse();
		assertThat(context.getInt(ProgressContext.PERCENT)).isZero();

		ProgressContext.estimate(context, 750_000, 3_000_000, 1_000);
		assertThat(context.getLong(ProgressContext.ETA_SECONDS)).isEqualTo(3);
		assertThat(context.getInt(ProgressContext.PERCENT)).isEqualTo(25);
	}

	@Test
	void aRunningStepsProgressIsReadBack() {
		ExecutionContext context = new ExecutionContext();
		context.putString(ProgressContext.PHASE, "loading");
		context.putLong(ProgressContext.FILES_DONE, 3L);
		context.putLong(ProgressContext.FILES_TOTAL, 4L);
		ProgressContext.estimate(context, 3, 4, 9_000);

		Progress progress = Progress.running("importDataToCluster", context.toMap());

		assertThat(progress.files()).isEqualTo(3);
		assertThat(progress.filesTotal()).isEqualTo(4);
		assertThat(progress.percent()).isEqualTo(75);
		assertThat(progress.etaSeconds()).isEqualTo(3);
		assertThat(progress.estimatedFrom()).isEqualTo("tool");
	}

}
