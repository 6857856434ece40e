package dev.ferry.engine.export;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The native exports running on this node, by job execution: their workers find the snapshot's connections here,
 * and a stop reaches them here. An export's entry (and its connections) ends with its manager step, whatever way
 * it ends.
 */
@Component
public class ExportRuns {

	private static final Logger log = LoggerFactory.getLogger(ExportRuns.class);

	private final Map<Long, ExportRun> runs = new ConcurrentHashMap<>();

	private final Map<Long, ExportRun.StopSignal> starting = new ConcurrentHashMap<>();

	/** An export is taking its snapshot and planning: a stop meanwhile is kept for it. */
	ExportRun.StopSignal starting(long jobExecutionId) {
		return this.starting.computeIfAbsent(jobExecutionId, (id) -> new ExportRun.StopSignal());
	}

	void register(ExportRun run) {
		ExportRun earlier = this.runs.put(run.jobExecutionId(), run);
		if (earlier != null) {
			earlier.connections().close();
			earlier.storage().close();
		}
	}

	@Nullable ExportRun get(long jobExecutionId) {
		return this.runs.get(jobExecutionId);
	}

	/** Ends an export's run: its connections are closed. */
	void end(long jobExecutionId) {
		this.starting.remove(jobExecutionId);
		ExportRun run = this.runs.remove(jobExecutionId);
		if (run != null) {
			run.connections().close();
			run.storage().close();
			log.debug("Closed the snapshot connections of job execution {}", jobExecutionId);
		}
	}

	/**
	 * Tells a running export to stop: its workers end at once (their connections are cut off under running reads)
	 * and leave no file under a final name.
	 * @return whether such an export runs here
	 */
	public boolean stop(long jobExecutionId) {
		ExportRun run = this.runs.get(jobExecutionId);
		if (run == null) {
			ExportRun.StopSignal signal = this.starting.get(jobExecutionId);
			if (signal != null) {
				signal.stop(); // it ends once its snapshot is taken, before any partition reads
			}
			return signal != null;
		}
		log.info("Stopping the native export of job execution {}", jobExecutionId);
		run.stop().stop();
		run.connections().abort();
		return true;
	}

	/** How many run here now. */
	int running() {
		return this.runs.size();
	}

}
