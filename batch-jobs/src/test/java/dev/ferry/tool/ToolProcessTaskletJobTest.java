package dev.ferry.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepLocator;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The tasklet in a real Spring Batch job: JDBC job repository on H2, asynchronous {@link TaskExecutorJobOperator},
 * the tasklet {@code @StepScope}d as in production.
 */
class ToolProcessTaskletJobTest {

	private static final Duration LIMIT = Duration.ofSeconds(20);

	@TempDir
	Path dir;

	private final ExecutorService jobThreads = Executors.newCachedThreadPool();

	private final List<Future<?>> jobRuns = new ArrayList<>();

	private ScriptedInvocation invocation;

	private AnnotationConfigApplicationContext context;

	private JobOperator jobOperator;

	private JobRepository jobRepository;

	private Job job;

	@BeforeEach
	void startContext() {
		this.invocation = new ScriptedInvocation(this.dir);
		this.context = new AnnotationConfigApplicationContext();
		this.context.registerBean(ScriptedInvocation.class, () -> this.invocation);
		this.context.registerBean("jobOperator", TaskExecutorJobOperator.class, () -> {
			TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
			operator.setJobRepository(this.context.getBean(JobRepository.class));
			operator.setJobRegistry(this.context.getBean(MapJobRegistry.class));
			operator.setTaskExecutor(task -> this.jobRuns.add(this.jobThreads.submit(task)));
			return operator;
		});
		this.context.register(BatchConfig.class);
		this.context.refresh();
		this.jobOperator = this.context.getBean(JobOperator.class);
		this.jobRepository = this.context.getBean(JobRepository.class);
		this.job = this.context.getBean(Job.class);
	}

	@AfterEach
	void closeContext() throws Exception {
		RunningTools.terminateAll(Duration.ofSeconds(1));
		awaitJobThreads();
		this.jobThreads.shutdownNow();
		this.context.close();
	}

	@Test
	void stopEndsStepAndJobStoppedKillsTheToolAndTheJobCanBeRestarted() throws Exception {
		this.invocation.then("sleep", "30").then("true");
		long id = this.jobOperator.start(this.job, parameters()).getId();
		StepExecution running = awaitStep(id, step -> step.getExecutionContext().containsKey(ToolProcessTasklet.PID_KEY));
		long pid = running.getExecutionContext().getLong(ToolProcessTasklet.PID_KEY);
		assertThat(Processes.alive(pid)).isTrue();

		new ExecutionStopper(this.jobRepository, List.of(this.job)).stop(this.jobRepository.getJobExecution(id));
		assertThat(onlyStep(this.jobRepository.getJobExecution(id)).getStatus().isRunning())
			.as("the stop returns once the step has ended").isFalse();
		awaitJobThreads();

		JobExecution stopped = this.jobRepository.getJobExecution(id);
		assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(stopped.getExitStatus().getExitCode()).isEqualTo(ExitStatus.STOPPED.getExitCode());
		StepExecution stoppedStep = onlyStep(stopped);
		assertThat(stoppedStep.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(stoppedStep.getExitStatus().getExitCode()).isEqualTo(ExitStatus.STOPPED.getExitCode());
		assertThat(Processes.alive(pid)).isFalse();
		assertThat(this.invocation.cleanedUp).hasValue(1);

		long restartId = this.jobOperator.restart(stopped).getId();
		awaitJobThreads();

		JobExecution restarted = this.jobRepository.getJobExecution(restartId);
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution restartedStep = onlyStep(restarted);
		assertThat(restartedStep.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restartedStep.getExecutionContext().getInt(ToolProcessTasklet.EXIT_CODE_KEY)).isZero();
		assertThat(restartedStep.getExecutionContext().getString(ToolProcessTasklet.COMMAND_KEY)).isEqualTo("true");
		assertThat(this.invocation.prepared).hasValue(2);
		assertThat(this.invocation.cleanedUp).hasValue(2);
	}

	/**
	 * The step commits (each poll does) while the stop is under way – here a slow step lookup holds the stopper
	 * between marking the job and telling the tasklet: the step notices the stopped job by itself, ends STOPPED, ends
	 * its tool, and its own last save stands. (Spring Batch's own stop would also save the step from the caller's
	 * stale copy; when that save lands between the step's synchronisation and its save, the step's save loses the
	 * optimistic lock and the job ends UNKNOWN, as seen in a browser test. {@link ExecutionStopper} never saves the
	 * step.)
	 */
	@Test
	void aStepThatCommitsWhileTheStopIsUnderWayStillEndsStopped() throws Exception {
		this.invocation.pollInterval(Duration.ofMillis(5)).then("sleep", "30");
		long id = this.jobOperator.start(this.job, parameters()).getId();
		StepExecution running = awaitStep(id, (step) -> step.getExecutionContext().containsKey(ToolProcessTasklet.PID_KEY)
				&& step.getExecutionContext().containsKey(ToolProcessTasklet.POLLED_AT_KEY));
		long pid = running.getExecutionContext().getLong(ToolProcessTasklet.PID_KEY);
		ExecutionStopper stopper = new ExecutionStopper(this.jobRepository,
				List.of(new SlowToFindItsSteps(this.job, Duration.ofMillis(500))));

		stopper.stop(this.jobRepository.getJobExecution(id));
		awaitJobThreads();

		JobExecution stopped = this.jobRepository.getJobExecution(id);
		assertThat(stopped.getStatus()).as(stopped.toString()).isEqualTo(BatchStatus.STOPPED);
		StepExecution step = onlyStep(stopped);
		assertThat(step.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(step.getExitStatus().getExitCode()).as("the step's own last save stands").isEqualTo("STOPPED");
		assertThat(step.getExecutionContext().getLong(ToolProcessTasklet.POLLED_AT_KEY))
			.as("progress saved after the stop began is kept")
			.isGreaterThan(running.getExecutionContext().getLong(ToolProcessTasklet.POLLED_AT_KEY));
		assertThat(Processes.alive(pid)).isFalse();
	}

	/** The job as a stopper sees it, slow to hand out its steps. */
	record SlowToFindItsSteps(Job job, Duration delay) implements Job, StepLocator {

		@Override
		public String getName() {
			return this.job.getName();
		}

		@Override
		public void execute(JobExecution execution) throws JobInterruptedException {
			this.job.execute(execution);
		}

		@Override
		public Step getStep(String stepName) {
			try {
				Thread.sleep(this.delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return ((StepLocator) this.job).getStep(stepName);
		}

	}

	@Test
	void progressIsCommittedOnEachPoll() throws Exception {
		this.invocation.pollInterval(Duration.ofMillis(200))
			.thenShell("i=0; while [ $i -lt 20 ]; do echo tick $i; i=$((i+1)); sleep 0.1; done");
		long id = this.jobOperator.start(this.job, parameters()).getId();

		Set<Long> polledAt = new LinkedHashSet<>();
		long deadline = System.nanoTime() + LIMIT.toNanos();
		JobExecution execution = this.jobRepository.getJobExecution(id);
		while (execution.isRunning() && System.nanoTime() < deadline) {
			for (StepExecution step : execution.getStepExecutions()) {
				ExecutionContext committed = step.getExecutionContext();
				if (committed.containsKey(ToolProcessTasklet.POLLED_AT_KEY)) {
					polledAt.add(committed.getLong(ToolProcessTasklet.POLLED_AT_KEY));
				}
			}
			Thread.sleep(50);
			execution = this.jobRepository.getJobExecution(id);
		}
		awaitJobThreads();

		JobExecution completed = this.jobRepository.getJobExecution(id);
		assertThat(completed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(polledAt).as("tool.polledAt values read from the repository while the job ran").hasSizeGreaterThan(3);
		assertThat(List.copyOf(polledAt)).isSorted();
		StepExecution step = onlyStep(completed);
		assertThat(step.getCommitCount()).as("one commit per poll").isGreaterThan(4);
		assertThat(step.getExecutionContext().getInt("test.polls")).isEqualTo(this.invocation.progress.get());
		assertThat(this.invocation.cleanedUp).hasValue(1);
	}

	private JobParameters parameters() {
		return new JobParametersBuilder().addString("run", UUID.randomUUID().toString()).toJobParameters();
	}

	private StepExecution awaitStep(long jobExecutionId, Predicate<StepExecution> condition) throws InterruptedException {
		long deadline = System.nanoTime() + LIMIT.toNanos();
		while (System.nanoTime() < deadline) {
			for (StepExecution step : this.jobRepository.getJobExecution(jobExecutionId).getStepExecutions()) {
				if (condition.test(step)) {
					return step;
				}
			}
			Thread.sleep(20);
		}
		throw new AssertionError("no step execution of job execution " + jobExecutionId + " got there");
	}

	private void awaitJobThreads() throws Exception {
		for (Future<?> run : List.copyOf(this.jobRuns)) {
			run.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
		}
	}

	private static StepExecution onlyStep(JobExecution execution) {
		Collection<StepExecution> steps = execution.getStepExecutions();
		assertThat(steps).hasSize(1);
		return steps.iterator().next();
	}

	@Configuration(proxyBeanMethods = false)
	static class BatchConfig {

		@Bean
		static org.springframework.batch.core.scope.StepScope stepScope() {
			return new org.springframework.batch.core.scope.StepScope();
		}

		@Bean(destroyMethod = "shutdown")
		EmbeddedDatabase dataSource() {
			return new EmbeddedDatabaseBuilder().generateUniqueName(true)
				.setType(EmbeddedDatabaseType.H2)
				.addScript("org/springframework/batch/core/schema-h2.sql")
				.build();
		}

		@Bean
		JdbcTransactionManager transactionManager(DataSource dataSource) {
			return new JdbcTransactionManager(dataSource);
		}

		@Bean
		JdbcJobRepositoryFactoryBean jobRepository(DataSource dataSource, PlatformTransactionManager transactionManager) {
			JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
			factory.setDataSource(dataSource);
			factory.setTransactionManager(transactionManager);
			return factory;
		}

		@Bean
		MapJobRegistry jobRegistry() {
			return new MapJobRegistry();
		}

		@Bean
		@StepScope
		ToolProcessTasklet toolTasklet(ScriptedInvocation invocation) {
			return new ToolProcessTasklet(invocation, Duration.ofSeconds(5));
		}

		@Bean
		Step toolStep(JobRepository jobRepository, ToolProcessTasklet toolTasklet,
				PlatformTransactionManager transactionManager) {
			return new StepBuilder("tool", jobRepository).tasklet(toolTasklet, transactionManager).build();
		}

		@Bean
		Job toolJob(JobRepository jobRepository, Step toolStep) {
			return new JobBuilder("toolJob", jobRepository).start(toolStep).build();
		}

	}

}
