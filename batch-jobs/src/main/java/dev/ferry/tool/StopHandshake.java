package dev.ferry.tool;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the polling thread from reporting a stop before {@code JobOperator.stop} is done with the step execution.
 * <p>
 * The operator calls {@link ToolProcessTasklet#stop(org.springframework.batch.core.step.StepExecution)} with its own
 * copy of the step execution and then saves that copy. The tool dies while {@code stop} is still running, which wakes
 * the polling thread; if that thread saved the step execution in the same moment, one of the two saves would fail
 * with an optimistic locking error (or the operator's stale copy would overwrite the final STOPPED status). So the
 * polling thread waits until {@code stop} has returned, plus a short delay for the operator's save.
 */
final class StopHandshake {

	static final Duration SETTLE = Duration.ofMillis(500);

	private static final Duration MAX_WAIT = Duration.ofSeconds(10);

	private final CountDownLatch returned = new CountDownLatch(1);

	private volatile long returnedAtNanos;

	void stopReturned() {
		this.returnedAtNanos = System.nanoTime();
		this.returned.countDown();
	}

	/** Waits (bounded) until {@code stop} returned, then until {@link #SETTLE} has passed since. */
	void awaitSettled(Duration stopGrace) throws InterruptedException {
		if (!this.returned.await(stopGrace.plus(MAX_WAIT).toMillis(), TimeUnit.MILLISECONDS)) {
			return;
		}
		long remaining = SETTLE.toNanos() - (System.nanoTime() - this.returnedAtNanos);
		if (remaining > 0) {
			TimeUnit.NANOSECONDS.sleep(remaining);
		}
	}

}
