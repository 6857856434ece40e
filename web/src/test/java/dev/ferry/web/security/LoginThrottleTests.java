package dev.ferry.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Counting, locking, doubling, resetting: per user name and per client address, on Ferry's real schema (H2), as
 * several nodes of one database see it.
 */
class LoginThrottleTests {

	static final LoginThrottleProperties SETTINGS = new LoginThrottleProperties(5, 20, Duration.ofSeconds(30),
			Duration.ofMinutes(15));

	static LoginAttemptsDatabase database;

	final MutableClock clock = new MutableClock();

	final LoginThrottle throttle = new LoginThrottle(SETTINGS, database.node(), this.clock);

	@BeforeAll
	static void schema() {
		database = new LoginAttemptsDatabase();
	}

	@BeforeEach
	void noFailuresYet() {
		database.clear();
	}

	@Test
	void failuresOnTwoNodesAddUp() {
		LoginThrottle otherNode = new LoginThrottle(SETTINGS, database.node(), this.clock);
		fail("alice", null, 3);
		otherNode.failed("alice", null);
		assertThatCode(() -> otherNode.check("alice", null)).doesNotThrowAnyException();

		otherNode.failed("alice", null);

		assertThatThrownBy(() -> this.throttle.check("alice", null)).isInstanceOf(LoginThrottledException.class);
		assertThatThrownBy(() -> otherNode.check("alice", null)).isInstanceOf(LoginThrottledException.class);
		this.clock.advance(Duration.ofSeconds(30));
		otherNode.succeeded("alice");
		fail("alice", null, 4);
		assertThatCode(() -> otherNode.check("alice", null)).as("a success on one node resets the count on all")
			.doesNotThrowAnyException();
	}

	@Test
	void concurrentFailuresAreAllCounted() throws Exception {
		LoginThrottle otherNode = new LoginThrottle(
				new LoginThrottleProperties(1000, 1000, Duration.ofSeconds(30), Duration.ofMinutes(15)),
				database.node(), this.clock);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Void>> tasks = IntStream.range(0, 40).mapToObj((i) -> (Callable<Void>) () -> {
				otherNode.failed("mallory", "10.9.9.9");
				return null;
			}).toList();
			for (Future<Void> done : pool.invokeAll(tasks)) {
				done.get();
			}
		}
		finally {
			pool.shutdown();
		}
		LoginThrottle strict = new LoginThrottle(new LoginThrottleProperties(41, 41, Duration.ofSeconds(30),
				Duration.ofMinutes(15)), database.node(), this.clock);
		assertThatCode(() -> strict.check("mallory", null)).doesNotThrowAnyException();
		strict.failed("mallory", null);
		assertThatThrownBy(() -> strict.check("mallory", null)).as("40 + 1 failures counted")
			.isInstanceOf(LoginThrottledException.class);
	}

	@Test
	void quietKeysAreForgottenAndVeryLongNamesStillCount() {
		String longName = "x".repeat(5000);
		fail(longName, "10.0.0.5", 5);
		assertThat(retryAfter(longName)).isEqualTo(Duration.ofSeconds(30));
		assertThat(database.rows()).isEqualTo(2);

		this.throttle.forgetQuietKeys();
		assertThat(database.rows()).as("still within the maximum lock time").isEqualTo(2);
		this.clock.advance(Duration.ofSeconds(30).plus(Duration.ofMinutes(15)).plusSeconds(1));
		this.throttle.forgetQuietKeys();
		assertThat(database.rows()).isZero();
	}

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
