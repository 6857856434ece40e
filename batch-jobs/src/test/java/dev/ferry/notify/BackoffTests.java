package dev.ferry.notify;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {

	private static final Duration INITIAL = Duration.ofSeconds(30);

	private static final Duration MAX = Duration.ofMinutes(10);

	@Test
	void doublesAfterEachFailedAttempt() {
		assertThat(Backoff.after(1, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(30));
		assertThat(Backoff.after(2, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(60));
		assertThat(Backoff.after(3, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(120));
		assertThat(Backoff.after(5, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(480));
	}

	@Test
	void neverWaitsLongerThanTheMaximumNorOverflows() {
		assertThat(Backoff.after(6, INITIAL, MAX)).isEqualTo(MAX);
		assertThat(Backoff.after(1000, INITIAL, MAX)).isEqualTo(MAX);
		assertThat(Backoff.after(0, INITIAL, MAX)).isZero();
	}

}
