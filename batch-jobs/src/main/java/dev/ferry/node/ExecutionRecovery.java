package dev.ferry.node;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.ferry.config.FerryProperties;
import dev.ferry.storage.RunDirectory;
import dev.ferry.tool.ProcessTrees;
import dev.ferry.tool.ToolProcessTasklet;

/**
 * Turns running executions whose node is gone into FAILED, restartable ones ({@link JobOperator#recover}): those of
 * nodes that stopped heartbeating, and – at startup, before this node launches anything – this node's own from a
 * previous life. Tool processes those executions left behind on this host are ended first (matched by pid and start
 * time, so no unrelated process that reused a pid is touched), and the secret files a recovered execution left in
 * {@code run/} are deleted ({@link RunDirectory}).
 */
@Component
class ExecutionRecovery {

	/** Where the record list looks for a failed record's reason. */
	static final String ERROR_KEY = "result.error";

	private static final Logger log = LoggerFactory.getLogger(ExecutionRecovery.class);

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	private final ExecutionOwners owners;

	private final NodeRegistry nodes;

	private final LocalNode node;

	private final Duration deadAfter;

	private final Duration stopGrace;

	private final Path home;

	private final ApplicationEventPublisher events;

	ExecutionRecovery(JobRepository jobRepository, JobOperator jobOperator, ExecutionOwners owners, NodeRegistry nodes,
			LocalNode node, NodeProperties properties, FerryProperties ferry, ApplicationEventPublisher events) {
		this.events = events;
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.owners = owners;
		this.nodes = nodes;
		this.node = node;
		this.deadAfter = properties.deadAfter();
		this.stopGrace = ferry.tools().stopGrace();
		this.home = ferry.home();
	}

	/** This node's executions from before it (re)started: nothing of this life runs yet, so all of them are stale. */
	int recoverOwn() {
		int recovered = 0;
		for (JobExecution execution : running()) {
			if (this.owners.ownerOf(execution.getId()).filter(this.node.id()::equals).isPresent()) {
				endOrphanedTools(execution);
				recover(execution, "Ferry node " + this.node.id() + " was restarted while this ran (crash or kill); "
						+ "restart the record to continue");
				sweepRunFiles(execution, this.home);
				recovered++;
			}
		}
		return recovered;
	}

	/** Executions of dead nodes, and unclaimed ones older than twice {@code dead-after}. */
	int recoverDead() {
		List<JobExecution> running = running();
		if (running.isEmpty()) {
			return 0;
		}
		Map<Long, String> owners = this.owners.owners(running.stream().map(JobExecution::getId).toList());
		Map<String, NodeRegistry.Node> nodes = new java.util.HashMap<>();
		this.nodes.list().forEach((n) -> nodes.put(n.nodeId(), n));
		LocalDateTime now = LocalDateTime.now();
		int recovered = 0;
		for (JobExecution execution : running) {
			String owner = owners.get(execution.getId());
			if (this.node.id().equals(owner)) {
				continue;
			}
			String reason;
			NodeRegistry.Node ownerNode = (owner != null) ? nodes.get(owner) : null;
			if (owner == null) {
				LocalDateTime created = execution.getCreateTime();
				if (created == null || created.plus(this.deadAfter.multipliedBy(2)).isAfter(now)) {
					continue; // just launched: its node claims it in a moment
				}
				reason = "no Ferry node claimed this execution";
			}
			else if (ownerNode == null || ownerNode.heartbeatAt().plus(this.deadAfter).isBefore(now)) {
				reason = "Ferry node " + owner + " stopped heartbeating"
						+ (ownerNode == null ? "" : " (last heartbeat " + ownerNode.heartbeatAt() + ")")
						+ " while this ran; recovered by node " + this.node.id() + "; restart the record to continue";
			}
			else {
				continue;
			}
			if (this.owners.takeOver(execution.getId(), owner)) {
				if (ownerNode != null && ownerNode.host().equals(this.node.host())) {
					endOrphanedTools(execution); // same machine: its tools may have outlived it
				}
				recover(execution, reason);
				sweepRunFiles(execution, this.home);
				if (ownerNode != null) {
					sweepRunFiles(execution, Path.of(ownerNode.dataDir())); // if this node can reach its home
				}
				recovered++;
			}
		}
		return recovered;
	}

	/**
	 * Sweeps {@code $FERRY_HOME/run} at startup, after {@link #recoverOwn}: every secret file there is a leftover
	 * except those of executions that still run on another node sharing this home.
	 */
	int sweepRunDirectory() {
		List<JobExecution> running = running();
		Map<Long, String> owners = this.owners.owners(running.stream().map(JobExecution::getId).toList());
		Set<Long> elsewhere = new HashSet<>();
		for (JobExecution execution : running) {
			String owner = owners.get(execution.getId());
			if (owner != null && !owner.equals(this.node.id())) {
				elsewhere.add(execution.getId());
			}
		}
		int swept = RunDirectory.sweep(this.home, elsewhere::contains);
		try {
			RunDirectory.prepare(this.home);
		}
		catch (IOException ex) {
			log.warn("Could not prepare {}: {}", RunDirectory.of(this.home), ex.getMessage());
		}
		return swept;
	}

	/** The recovered execution's secret files: its tools are gone or will never be asked to read them again. */
	private void sweepRunFiles(JobExecution execution, Path home) {
		int swept = RunDirectory.sweepExecution(home, execution.getId());
		if (swept > 0) {
			log.warn("Deleted {} secret file(s) that execution {} left in {}", swept, execution.getId(),
					RunDirectory.of(home));
		}
	}

	private List<JobExecution> running() {
		List<JobExecution> running = new ArrayList<>();
		for (String jobName : this.jobRepository.getJobNames()) {
			running.addAll(this.jobRepository.findRunningJobExecutions(jobName));
		}
		return running;
	}

	private void endOrphanedTools(JobExecution execution) {
		JobExecution fresh = reload(execution);
		for (StepExecution step : fresh.getStepExecutions()) {
			var context = step.getExecutionContext();
			if (step.getStatus().isRunning() && context.containsKey(ToolProcessTasklet.PID_KEY)) {
				long pid = context.getLong(ToolProcessTasklet.PID_KEY);
				long startedAt = context.getLong(ToolProcessTasklet.PID_STARTED_AT_KEY, -1L);
				if (ProcessTrees.terminateIfSame(pid, startedAt, this.stopGrace)) {
					log.warn("Ended the orphaned tool (pid {}) of record {} (execution {})", pid,
							fresh.getJobInstance().getInstanceId(), fresh.getId());
				}
			}
		}
	}

	private void recover(JobExecution stale, String reason) {
		JobExecution execution = reload(stale);
		try {
			for (StepExecution step : execution.getStepExecutions()) {
				if (step.getStatus().isRunning()) {
					step.setExitStatus(ExitStatus.FAILED.addExitDescription(reason));
				}
			}
			execution.setExitStatus(ExitStatus.FAILED.addExitDescription(reason));
			this.jobOperator.recover(execution);
			execution.getExecutionContext().putString(ERROR_KEY, reason);
			this.jobRepository.updateExecutionContext(execution);
			log.warn("Recovered record {} (execution {}, was {}) to FAILED: {}",
					execution.getJobInstance().getInstanceId(), execution.getId(), stale.getStatus(), reason);
			this.events.publishEvent(new ExecutionRecovered(execution.getId()));
		}
		catch (RuntimeException ex) {
			log.error("Could not recover execution {}: {}", execution.getId(), ex.getMessage(), ex);
		}
	}

	private JobExecution reload(JobExecution execution) {
		@Nullable JobExecution fresh = this.jobRepository.getJobExecution(execution.getId());
		return fresh != null ? fresh : execution;
	}

}
