package dev.ferry.node;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which node runs which transfer job execution ({@code FERRY_EXECUTION_NODE}). The node that launches or restarts
 * a transfer claims its execution; a stop asked on another node is left here as a request that the owner carries
 * out; a node that recovers the execution of a dead one takes it over first, so that only one node recovers it.
 */
@Service
public class ExecutionOwners {

	private final JdbcClient jdbc;

	private final LocalNode node;

	ExecutionOwners(JdbcClient jdbc, LocalNode node) {
		this.jdbc = jdbc;
		this.node = node;
	}

	/** Records that this node runs (or queues) the execution. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void claim(long executionId) {
		this.jdbc.sql("INSERT INTO FERRY_EXECUTION_NODE (JOB_EXECUTION_ID, NODE_ID, CLAIMED_AT) VALUES (?, ?, ?)")
			.params(executionId, this.node.id(), LocalDateTime.now())
			.update();
	}

	/** The node that runs the execution, if any claimed it. */
	@Transactional(readOnly = true)
	public Optional<String> ownerOf(long executionId) {
		return this.jdbc.sql("SELECT NODE_ID FROM FERRY_EXECUTION_NODE WHERE JOB_EXECUTION_ID = ?")
			.param(executionId)
			.query(String.class)
			.optional();
	}

	/** True if this node runs the execution (or nobody claimed it, e.g. it was started before nodes existed). */
	public boolean isLocal(long executionId) {
		return ownerOf(executionId).map(this.node.id()::equals).orElse(true);
	}

	/** Leaves a stop request for the owning node, which polls for them. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void requestStop(long executionId, String actor) {
		this.jdbc.sql("UPDATE FERRY_EXECUTION_NODE SET STOP_REQUESTED_AT = ?, STOP_REQUESTED_BY = ?"
				+ " WHERE JOB_EXECUTION_ID = ?")
			.params(LocalDateTime.now(), actor.length() > 64 ? actor.substring(0, 64) : actor, executionId)
			.update();
	}

	/** The executions of this node that other nodes asked to stop. */
	@Transactional(readOnly = true)
	List<Long> stopRequests() {
		return this.jdbc.sql("SELECT JOB_EXECUTION_ID FROM FERRY_EXECUTION_NODE WHERE NODE_ID = ?"
				+ " AND STOP_REQUESTED_AT IS NOT NULL")
			.param(this.node.id())
			.query(Long.class)
			.list();
	}

	/** Takes a stop request: true for the one caller that cleared it. */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	boolean takeStopRequest(long executionId) {
		return this.jdbc.sql("UPDATE FERRY_EXECUTION_NODE SET STOP_REQUESTED_AT = NULL WHERE JOB_EXECUTION_ID = ?"
				+ " AND NODE_ID = ? AND STOP_REQUESTED_AT IS NOT NULL")
			.params(executionId, this.node.id())
			.update() == 1;
	}

	/**
	 * Takes over the execution from {@code previousOwner} (null: unclaimed), atomically: true for the one node that
	 * got it, which then recovers it.
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	boolean takeOver(long executionId, @org.jspecify.annotations.Nullable String previousOwner) {
		if (previousOwner == null) {
			try {
				claim(executionId);
				return true;
			}
			catch (DuplicateKeyException ex) {
				return false;
			}
		}
		return this.jdbc.sql("UPDATE FERRY_EXECUTION_NODE SET NODE_ID = ?, STOP_REQUESTED_AT = NULL"
				+ " WHERE JOB_EXECUTION_ID = ? AND NODE_ID = ?")
			.params(this.node.id(), executionId, previousOwner)
			.update() == 1;
	}

	/** Owners of the given executions (absent: unclaimed). */
	@Transactional(readOnly = true)
	java.util.Map<Long, String> owners(java.util.Collection<Long> executionIds) {
		java.util.Map<Long, String> owners = new java.util.HashMap<>();
		if (executionIds.isEmpty()) {
			return owners;
		}
		this.jdbc.sql("SELECT JOB_EXECUTION_ID, NODE_ID FROM FERRY_EXECUTION_NODE WHERE JOB_EXECUTION_ID IN (:ids)")
			.param("ids", List.copyOf(executionIds))
			.query((rs, n) -> owners.put(rs.getLong(1), rs.getString(2)))
			.list();
		return owners;
	}

}
