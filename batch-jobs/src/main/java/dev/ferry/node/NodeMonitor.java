package dev.ferry.node;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.ferry.tool.ExecutionStopper;

/**
 * The node's loops: heartbeat, stop requests from other nodes, recovery of dead nodes' executions. At startup –
 * after every bean exists but before the web server, the Quartz scheduler or anything else can launch a transfer –
 * the node registers, recovers its own executions from a previous life and sweeps the secret files they left in
 * {@code run/}.
 */
@Component
class NodeMonitor implements SmartInitializingSingleton, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(NodeMonitor.class);

	private final NodeRegistry registry;

	private final ExecutionOwners owners;

	private final ExecutionRecovery recovery;

	private final JobRepository jobRepository;

	private final ExecutionStopper stopper;

	private final LocalNode node;

	private final NodeMetrics metrics;

	NodeMonitor(NodeRegistry registry, ExecutionOwners owners, ExecutionRecovery recovery, JobRepository jobRepository,
			ExecutionStopper stopper, LocalNode node, NodeMetrics metrics) {
		this.registry = registry;
		this.owners = owners;
		this.recovery = recovery;
		this.jobRepository = jobRepository;
		this.stopper = stopper;
		this.node = node;
		this.metrics = metrics;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.registry.heartbeat();
		this.metrics.heartbeat();
		int recovered = this.recovery.recoverOwn();
		int swept = this.recovery.sweepRunDirectory();
		log.info("Ferry node {} up{}{}", this.node,
				recovered == 0 ? "" : "; recovered " + recovered + " execution(s) of its previous life to FAILED",
				swept == 0 ? "" : "; deleted " + swept + " secret file(s) left in run/");
	}

	@Scheduled(fixedDelayString = "${ferry.node.heartbeat-interval}")
	void heartbeat() {
		try {
			this.registry.heartbeat();
			this.metrics.heartbeat();
		}
		catch (RuntimeException ex) {
			log.warn("Heartbeat of node {} failed: {}", this.node.id(), ex.getMessage());
		}
	}

	/** Carries out the stop requests other nodes left for this node's executions (the local stop path). */
	@Scheduled(fixedDelayString = "${ferry.node.stop-poll-interval}")
	void stopRequests() {
		try {
			for (long executionId : this.owners.stopRequests()) {
				if (!this.owners.takeStopRequest(executionId)) {
					continue;
				}
				JobExecution execution = this.jobRepository.getJobExecution(executionId);
				if (execution == null || !execution.isRunning() || execution.getStatus().name().equals("STOPPING")) {
					continue;
				}
				log.info("Stopping execution {} of record {} as another node asked", executionId,
						execution.getJobInstance().getInstanceId());
				this.stopper.stop(execution);
			}
		}
		catch (Exception ex) {
			log.warn("Handling stop requests failed: {}", ex.getMessage(), ex);
		}
	}

	@Scheduled(fixedDelayString = "${ferry.node.recovery-interval}", initialDelayString = "${ferry.node.recovery-interval}")
	void recoverDeadNodes() {
		try {
			this.recovery.recoverDead();
		}
		catch (RuntimeException ex) {
			log.warn("Recovery of dead nodes' executions failed: {}", ex.getMessage(), ex);
		}
	}

	@Override
	public void destroy() {
		try {
			this.registry.stopped();
		}
		catch (RuntimeException ex) {
			log.debug("Could not mark node {} stopped: {}", this.node.id(), ex.getMessage());
		}
	}

}
