package dev.ferry.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Counting, locking, doubling, resetting: per user name and per client address. */
class LoginThrottleTests {

	final MutableClock clock = new MutableClock();

	final LoginThrottle throttle = new LoginThrottle(
			new LoginThrottleProperties(5, 20, Duration.ofSeconds(30), Duration.ofMinutes(15)), this.clock);

	@Test
	void fifthFailureLocksTheUserNameForTheLockTime() {
		fail("alice", "10.0.0.1", 4);
		assertThatCode(() -> this.throttle.check("alice", "10.0.0.1")).doesNotThrowAnyException();

		fail("alice", "10.0.0.1", 1);

		assertThatThrownBy(() -> this.throttle.check("alice", "10.0.0.2")).isInstanceOf(LoginThrottledException.class)
			.hasMessage("Too many failed attempts. Try again later.")
			.satisfies((ex) -> assertThat(((LoginThrottledException) ex).retryAfter()).isEqualTo(Duration.ofSeconds(30)));
		assertThatCode(() -> this.throttle.check("bob", "10.0.0.1")).as("other users are not locked")
			.doesNotThrowAnyException();
		this.clock.advance(Duration.ofSeconds(29));
		assertThatThrownBy(() -> this.throttle.check("alice", null)).isInstanceOf(LoginThrottledException.class);
		this.clock.advance(Duration.ofSeconds(1));
		assertThatCode(() -> this.throttle.check("alice", null)).doesNotThrowAnyException();
	}

	@Test
	void eachFurtherLockLastsTwiceAsLongUpToTheMaximum() {
		Duration[] expected = { Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120),
				Duration.ofSeconds(240), Duration.ofSeconds(480), Duration.ofMinutes(15), Duration.ofMinutes(15) };
		for (Duration lock : expected) {
			fail("alice", null, 5);
			assertThat(retryAfter("alice")).isEqualTo(lock);
			this.clock.advance(lock);
		}
	}

	@Test
	void successResetsTheUserNameButNotTheAddress() {
		fail("alice", "10.0.0.1", 4);
		this.throttle.succeeded("alice");
		fail("alice", "10.0.0.1", 4);
		assertThatCode(() -> this.throttle.check("alice", "10.0.0.1")).doesNotThrowAnyException();

		fail("mallory", "10.0.0.1", 4);
		fail("eve", "10.0.0.1", 4);
		fail("trent", "10.0.0.1", 4); // 20 failures from 10.0.0.1, none of the names at 5
		assertThatThrownBy(() -> this.throttle.check("carol", "10.0.0.1")).as("the address is locked for everyone")
			.isInstanceOf(LoginThrottledException.class);
		assertThatCode(() -> this.throttle.check("carol", "10.0.0.9")).doesNotThrowAnyException();
	}

	@Test
	void userNamesCountWithoutRegardToCaseOrWhetherTheyExist() {
		fail("Ghost", null, 2);
		fail("ghost ", null, 3);
		assertThat(retryAfter("GHOST")).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void aQuietUserNameIsForgotten() {
		fail("alice", null, 5);
		this.clock.advance(Duration.ofSeconds(30).plus(Duration.ofMinutes(15)).plusSeconds(1));
		fail("alice", null, 5);
		assertThat(retryAfter("alice")).as("a first lock again, not a doubled one").isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void requestsWithoutUserNameCountOnlyByAddress() {
		fail(null, "10.0.0.3", 19);
		assertThatCode(() -> this.throttle.check(null, "10.0.0.3")).doesNotThrowAnyException();
		fail(null, "10.0.0.3", 1);
		assertThatThrownBy(() -> this.throttle.check(null, "10.0.0.3")).isInstanceOf(LoginThrottledException.class);
	}

	private void fail(String username, String address, int times) {
		for (int i = 0; i < times; i++) {
			this.throttle.failed(username, address);
		}
	}

	private Duration retryAfter(String username) {
		try {
			this.throttle.check(username, null);
			return Duration.ZERO;
		}
		catch (LoginThrottledException ex) {
			return ex.retryAfter();
		}
	}

	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
