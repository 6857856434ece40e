package dev.ferry.transfer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.stereotype.Component;

import dev.ferry.node.ExecutionOwners;

/**
 * The transfer side of execution ownership: every launch and restart claims its execution for this node, and a stop
 * goes to the node that runs the execution.
 */
@Component
class ExecutionOwnership {

	private static final Logger log = LoggerFactory.getLogger(ExecutionOwnership.class);

	private final ExecutionOwners owners;

	ExecutionOwnership(ExecutionOwners owners) {
		this.owners = owners;
	}

	/** A failed claim must not fail the launch: an unclaimed execution is recovered only once it is old and stuck. */
	void claimQuietly(long executionId) {
		try {
			this.owners.claim(executionId);
		}
		catch (RuntimeException ex) {
			log.warn("Could not record this node as the runner of execution {}: {}", executionId, ex.getMessage());
		}
	}

	/** True if another node runs the execution; then a stop request was left for it. */
	boolean stopRemotely(JobExecution execution, String actor) {
		if (this.owners.isLocal(execution.getId())) {
			return false;
		}
		this.owners.requestStop(execution.getId(), actor);
		log.info("Asked node {} to stop execution {} of record {}", this.owners.ownerOf(execution.getId()).orElse("?"),
				execution.getId(), execution.getJobInstance().getInstanceId());
		return true;
	}

}
