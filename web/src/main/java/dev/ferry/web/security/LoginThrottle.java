package dev.ferry.web.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Counts failed logins per user name and, separately, per client address; each reaching its limit locks that key
 * for a lock time that doubles with each further lock (up to a maximum). A locked key is refused before its
 * password or token is even checked. Unknown user names are counted exactly like existing ones, so the answers never
 * tell whether a name exists. A successful login resets its user name's count (not its address's: one good account
 * must not reset the count of an address that guesses other users' passwords).
 *
 * <p>The counts live in memory, per node: behind a load balancer each node counts on its own (an attacker gets at
 * most nodes × limit tries per lock period), and a restart forgets them. That is accepted for now; a shared table
 * would be the fix. Keys quiet for the maximum lock time are forgotten, so the maps stay small.
 */
class LoginThrottle {

	private static final int PRUNE_ABOVE = 10_000;

	private final LoginThrottleProperties settings;

	private final Clock clock;

	private final Map<String, Attempts> byUser = new ConcurrentHashMap<>();

	private final Map<String, Attempts> byAddress = new ConcurrentHashMap<>();

	LoginThrottle(LoginThrottleProperties settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/** Refuses with {@link LoginThrottledException} while the user name or the address is locked. */
	void check(@Nullable String username, @Nullable String address) {
		Instant now = this.clock.instant();
		Duration wait = max(remaining(this.byUser, userKey(username), now),
				remaining(this.byAddress, address, now));
		if (!wait.isZero() && !wait.isNegative()) {
			throw new LoginThrottledException(wait);
		}
	}

	void failed(@Nullable String username, @Nullable String address) {
		Instant now = this.clock.instant();
		count(this.byUser, userKey(username), this.settings.maxFailuresPerUser(), now);
		count(this.byAddress, address, this.settings.maxFailuresPerAddress(), now);
	}

	void succeeded(@Nullable String username) {
		String key = userKey(username);
		if (key != null) {
			this.byUser.remove(key);
		}
	}

	private void count(Map<String, Attempts> attempts, @Nullable String key, int limit, Instant now) {
		if (key == null || key.isEmpty()) {
			return;
		}
		if (attempts.size() > PRUNE_ABOVE) {
			attempts.values().removeIf((entry) -> entry.stale(now, this.settings.maxLockTime()));
		}
		attempts.compute(key, (k, entry) -> {
			Attempts current = (entry == null || entry.stale(now, this.settings.maxLockTime())) ? Attempts.NONE
					: entry;
			int failures = current.failures() + 1;
			if (failures < limit) {
				return new Attempts(failures, current.locks(), current.lockedUntil(), now);
			}
			int locks = current.locks() + 1;
			return new Attempts(0, locks, now.plus(this.settings.lockTime(locks)), now);
		});
	}

	private Duration remaining(Map<String, Attempts> attempts, @Nullable String key, Instant now) {
		Attempts entry = (key == null) ? null : attempts.get(key);
		return (entry == null || !now.isBefore(entry.lockedUntil())) ? Duration.ZERO
				: Duration.between(now, entry.lockedUntil());
	}

	private static @Nullable String userKey(@Nullable String username) {
		return (username == null || username.isBlank()) ? null : username.strip().toLowerCase(Locale.ROOT);
	}

	private static Duration max(Duration a, Duration b) {
		return a.compareTo(b) >= 0 ? a : b;
	}

	/** Failures since the last lock, locks so far, the end of the current lock, the last failure. */
	private record Attempts(int failures, int locks, Instant lockedUntil, Instant lastFailure) {

		static final Attempts NONE = new Attempts(0, 0, Instant.EPOCH, Instant.EPOCH);

		boolean stale(Instant now, Duration quiet) {
			Instant last = this.lockedUntil.isAfter(this.lastFailure) ? this.lockedUntil : this.lastFailure;
			return now.isAfter(last.plus(quiet));
		}

	}

}
