package dev.ferry.tool;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the polling thread from reporting a stop before {@link ToolProcessTasklet#stop} has ended the tool's whole
 * process tree (SIGTERM, then SIGKILL after the grace period): the tool's main process dies first and wakes the
 * polling thread, while children may still be running. A stopped step therefore means a stopped tool.
 * <p>
 * (The stop never saves the step execution from the caller's thread – see {@link ExecutionStopper} – so the step's
 * own saves cannot collide with it.)
 */
final class StopHandshake {

	private static final Duration MAX_WAIT = Duration.ofSeconds(10);

	private final CountDownLatch returned = new CountDownLatch(1);

	void stopReturned() {
		this.returned.countDown();
	}

	/** Waits (bounded by the grace period plus 10 s) until {@code stop} has returned. */
	void awaitReturned(Duration stopGrace) throws InterruptedException {
		this.returned.await(stopGrace.plus(MAX_WAIT).toMillis(), TimeUnit.MILLISECONDS);
	}

}
