package dev.ferry.transfer;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ferry.cluster.Cluster;
import dev.ferry.error.FerryException;
import dev.ferry.node.ExecutionRecovered;
import dev.ferry.node.LocalNode;
import dev.ferry.node.NodeRegistry;

/**
 * Locks shared by every node of one database ({@code FERRY_TRANSFER_LOCK}), one row per key, each taken and released
 * in its own short transaction (no connection is held while a job launches):
 * <ul>
 * <li>{@link #importTarget}: at most one import per target cluster. Taken before an import's launch or restart; once
 * launched, the row names the import's execution and record and is released when that execution ends (job
 * listener) or is recovered after a crash.</li>
 * <li>{@link #record}: a record being deleted, or read as the source of an import being launched; released when
 * that request ends.</li>
 * </ul>
 * A row counts only while its holder lives: its execution runs, or – before an execution exists – the request that
 * took it still runs on a node that heartbeats and has not restarted since. A dead holder's row is taken over, so a
 * crash never leaves a cluster or a record locked.
 */
@Component
class TransferLocks implements JobExecutionListener {

	/** How long a request waits for a holder that is still launching (no record yet) before it is refused. */
	static final Duration WAIT = Duration.ofSeconds(15);

	private static final Logger log = LoggerFactory.getLogger(TransferLocks.class);

	private static final Set<BatchStatus> RUNNING = Set.of(BatchStatus.STARTING, BatchStatus.STARTED,
			BatchStatus.STOPPING);

	private static final String INSERT = """
			INSERT INTO FERRY_TRANSFER_LOCK (LOCK_KEY, LOCK_TOKEN, NODE_ID, PURPOSE, LOCKED_AT) VALUES (?, ?, ?, ?, ?)
			""";

	private static final String SELECT = """
			SELECT LOCK_TOKEN, NODE_ID, PURPOSE, JOB_EXECUTION_ID, RECORD_ID, LOCKED_AT FROM FERRY_TRANSFER_LOCK
			WHERE LOCK_KEY = ?
			""";

	private static final String TAKE_OVER = """
			UPDATE FERRY_TRANSFER_LOCK SET LOCK_TOKEN = ?, NODE_ID = ?, PURPOSE = ?, JOB_EXECUTION_ID = NULL,
			RECORD_ID = NULL, LOCKED_AT = ? WHERE LOCK_KEY = ? AND LOCK_TOKEN = ? AND COALESCE(JOB_EXECUTION_ID, -1) = ?
			""";

	private static final String ATTACH = """
			UPDATE FERRY_TRANSFER_LOCK SET JOB_EXECUTION_ID = ?, RECORD_ID = ? WHERE LOCK_KEY = ? AND LOCK_TOKEN = ?
			""";

	private static final String RELEASE = "DELETE FROM FERRY_TRANSFER_LOCK WHERE LOCK_KEY = ? AND LOCK_TOKEN = ?";

	private static final String RELEASE_EXECUTION = "DELETE FROM FERRY_TRANSFER_LOCK WHERE JOB_EXECUTION_ID = ?";

	/** A lock this request holds. */
	record Lock(String key, String token) {
	}

	/** Who holds a lock; {@code recordId} is set once an import holding it has been launched. */
	record Holder(String token, String nodeId, String purpose, @Nullable Long executionId, @Nullable Long recordId,
			LocalDateTime lockedAt) {
	}

	/** The row changed under us (released or taken over meanwhile): try again. */
	private static final Holder CHANGED = new Holder("", "", "changing", null, null, LocalDateTime.MIN);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final JobRepository jobRepository;

	private final NodeRegistry nodes;

	private final LocalNode node;

	/** Tokens of the locks requests of this JVM hold before an execution holds them. */
	private final Set<String> heldHere = ConcurrentHashMap.newKeySet();

	TransferLocks(JdbcClient jdbc, PlatformTransactionManager transactionManager, JobRepository jobRepository,
			NodeRegistry nodes, LocalNode node) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.jobRepository = jobRepository;
		this.nodes = nodes;
		this.node = node;
	}

	static String importTarget(String clusterId) {
		return "import-target:" + clusterId;
	}

	static String record(long recordId) {
		return "record:" + recordId;
	}

	/**
	 * Takes the lock, or throws the conflict made from its live holder. While that holder has no record yet (a
	 * launch or deletion in progress), waits up to {@link #WAIT} for it to end or to name its record.
	 */
	Lock acquire(String key, String purpose, Function<Holder, FerryException> conflict) {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (true) {
			String token = UUID.randomUUID().toString();
			Holder holder = tryAcquire(key, token, purpose);
			if (holder == null) {
				return new Lock(key, token);
			}
			if ((holder != CHANGED && holder.recordId() != null) || System.nanoTime() > deadline) {
				throw conflict.apply(holder);
			}
			try {
				Thread.sleep(holder == CHANGED ? 5 : 50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw conflict.apply(holder);
			}
		}
	}

	/** Takes the lock of record {@code recordId} (none if it is null), or throws a 409 naming the request holding it. */
	@Nullable Lock acquireRecord(@Nullable Long recordId, String purpose) {
		if (recordId == null) {
			return null;
		}
		return acquire(record(recordId), purpose, (holder) -> LockConflicts.recordBusy(recordId, holder));
	}

	/**
	 * Launches an import under its target cluster's lock, or throws a 409 naming the import holding it. The lock is
	 * released if the launch fails, else kept by the launched execution until it ends (a failed attach never releases
	 * it).
	 */
	TransferStarted launchImport(Cluster cluster, String purpose, Supplier<TransferStarted> launch) {
		Lock target = acquire(importTarget(cluster.clusterId()), purpose,
				(holder) -> LockConflicts.importRunning(cluster, holder));
		TransferStarted started;
		try {
			started = launch.get();
		}
		catch (RuntimeException ex) {
			release(target);
			throw ex;
		}
		attach(target, started);
		return started;
	}

	/** Null once taken; else its live holder, or {@link #CHANGED}. */
	private @Nullable Holder tryAcquire(String key, String token, String purpose) {
		String shortPurpose = purpose.length() > 255 ? purpose.substring(0, 255) : purpose;
		this.heldHere.add(token); // before the row is visible: a check on this node must see it as live
		try {
			this.transactions.executeWithoutResult((status) -> this.jdbc.sql(INSERT)
				.params(key, token, this.node.id(), shortPurpose, LocalDateTime.now())
				.update());
			return null;
		}
		catch (DuplicateKeyException ex) {
			return heldBy(key, token, shortPurpose);
		}
		catch (TransientDataAccessException ex) { // lock wait or deadlock between concurrent inserts: try again
			this.heldHere.remove(token);
			return CHANGED;
		}
		catch (RuntimeException ex) {
			this.heldHere.remove(token);
			throw ex;
		}
	}

	/** The lock is taken: its live holder, else (a holder that is gone) take it over. */
	private @Nullable Holder heldBy(String key, String token, String purpose) {
		try {
			Holder holder = holder(key);
			boolean live = holder != null && isLive(holder);
			// only the row as read (same token, no execution attached since) is taken over
			if (holder != null && !live && this.transactions.execute((status) -> this.jdbc.sql(TAKE_OVER)
				.params(token, this.node.id(), purpose, LocalDateTime.now(), key, holder.token(),
						holder.executionId() == null ? -1L : holder.executionId())
				.update()) == 1) {
				log.warn("Took over the lock {} of a holder that is gone ({} on node {} since {})", key,
						holder.purpose(), holder.nodeId(), holder.lockedAt());
				return null;
			}
			this.heldHere.remove(token);
			return live ? holder : CHANGED;
		}
		catch (RuntimeException ex) {
			this.heldHere.remove(token);
			if (ex instanceof TransientDataAccessException) { // the holder released it meanwhile: try again
				return CHANGED;
			}
			throw ex;
		}
	}

	private @Nullable Holder holder(String key) {
		return this.transactions.execute((status) -> this.jdbc.sql(SELECT)
			.param(key)
			.query((rs, n) -> new Holder(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getObject(4, Long.class), rs.getObject(5, Long.class),
					rs.getTimestamp(6).toLocalDateTime()))
			.optional()
			.orElse(null));
	}

	private boolean isLive(Holder holder) {
		if (holder.executionId() != null) {
			JobExecution execution = this.jobRepository.getJobExecution(holder.executionId());
			return execution != null && RUNNING.contains(execution.getStatus());
		}
		if (this.node.id().equals(holder.nodeId())) {
			return this.heldHere.contains(holder.token());
		}
		return this.nodes.aliveSince(holder.nodeId(), holder.lockedAt());
	}

	/**
	 * From now on the lock lives as long as the launched execution runs. Quietly: if the row cannot be written, it is
	 * taken over later as one whose holder is gone (the quick check for a running import still answers meanwhile).
	 */
	void attach(Lock lock, TransferStarted started) {
		long recordId = Long.parseLong(started.recordId());
		try {
			int updated = this.transactions.execute((status) -> this.jdbc.sql(ATTACH)
				.params(Long.parseLong(started.workFlowId()), recordId, lock.key(), lock.token())
				.update());
			if (updated == 0) {
				log.warn("The lock {} was taken over before record {} could be named in it", lock.key(), recordId);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not name record {} in the lock {}: {}", recordId, lock.key(), ex.getMessage());
		}
		finally {
			this.heldHere.remove(lock.token());
		}
	}

	/** Quietly: a row left behind by a failed release is taken over once its holder is seen to be gone. */
	void release(@Nullable Lock lock) {
		if (lock == null) {
			return;
		}
		try {
			this.transactions.executeWithoutResult((status) -> this.jdbc.sql(RELEASE)
				.params(lock.key(), lock.token())
				.update());
		}
		catch (RuntimeException ex) {
			log.warn("Could not release the lock {}: {}", lock.key(), ex.getMessage());
		}
		finally {
			this.heldHere.remove(lock.token());
		}
	}

	/** The import's execution ended on this node: its target cluster is free. */
	@Override
	public void afterJob(JobExecution execution) {
		releaseExecution(execution.getId());
	}

	/** A crashed execution was recovered to FAILED: whatever it held is free. */
	@EventListener
	void onRecovered(ExecutionRecovered recovered) {
		releaseExecution(recovered.executionId());
	}

	private void releaseExecution(long executionId) {
		try {
			this.transactions.executeWithoutResult((status) -> this.jdbc.sql(RELEASE_EXECUTION)
				.param(executionId)
				.update());
		}
		catch (RuntimeException ex) {
			log.warn("Could not release the locks of execution {}: {}", executionId, ex.getMessage());
		}
	}

}
