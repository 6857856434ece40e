package dev.ferry.transfer;

import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.JobContext;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.springframework.batch.core.step.tasklet.TaskletStep;

import dev.ferry.engine.export.ExportRuns;
import dev.ferry.tool.StoppableWork;

/**
 * The export job's {@code exportDataFromCluster} node, one step whatever the tool chain: it runs the tool step
 * (mydumper, dumpling: a polling tasklet) or the native engine's partitioned step, by the record's {@code toolChain}
 * parameter. Both keep the node's name, so the job's flow, its restarts and the records stay as they are.
 * <p>
 * A restart re-runs a completed native step too ({@link #isAllowStartIfComplete()}): it then runs only what is left
 * (nothing, when every partition completed) or, asked for {@code fresh}, starts over. A completed tool step is
 * skipped as before.
 */
final class ChainStep implements Step, StoppableWork {

	private final String name;

	private final TaskletStep toolStep;

	private final Step nativeStep;

	private final ExportRuns nativeRuns;

	ChainStep(String name, TaskletStep toolStep, Step nativeStep, ExportRuns nativeRuns) {
		this.name = name;
		this.toolStep = toolStep;
		this.nativeStep = nativeStep;
		this.nativeRuns = nativeRuns;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public boolean isAllowStartIfComplete() {
		JobContext job = JobSynchronizationManager.getContext();
		return job != null && isNative(job.getJobExecution().getJobParameters());
	}

	@Override
	public int getStartLimit() {
		return Integer.MAX_VALUE;
	}

	@Override
	public void execute(StepExecution stepExecution) throws JobInterruptedException {
		delegate(stepExecution.getJobParameters()).execute(stepExecution);
	}

	@Override
	public boolean stopWork(StepExecution stepExecution) {
		if (isNative(stepExecution.getJobParameters())) {
			return this.nativeRuns.stop(stepExecution.getJobExecutionId());
		}
		if (this.toolStep.getTasklet() instanceof StoppableTasklet tasklet) {
			tasklet.stop(stepExecution);
			return true;
		}
		return false;
	}

	private Step delegate(JobParameters parameters) {
		return isNative(parameters) ? this.nativeStep : this.toolStep;
	}

	private static boolean isNative(JobParameters parameters) {
		return ToolChain.of(parameters.getString(TransferParameters.TOOL_CHAIN)) == ToolChain.NATIVE;
	}

}
