package dev.ferry.notify;

import java.time.Duration;

/** Exponential back-off: the wait after the n-th failed attempt is {@code initial * 2^(n-1)}, at most {@code max}. */
final class Backoff {

	private Backoff() {
	}

	static Duration after(int failedAttempts, Duration initial, Duration max) {
		if (failedAttempts < 1) {
			return Duration.ZERO;
		}
		int doublings = Math.min(failedAttempts - 1, 30);
		Duration delay = initial.multipliedBy(1L << doublings);
		return delay.compareTo(max) > 0 ? max : delay;
	}

}
