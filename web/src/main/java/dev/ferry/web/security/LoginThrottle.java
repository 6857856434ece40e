package dev.ferry.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;

import dev.ferry.web.security.LoginAttempts.Attempts;
import dev.ferry.web.security.LoginAttempts.Scope;

/**
 * Counts failed logins per user name and, separately, per client address; each reaching its limit locks that key
 * for a lock time that doubles with each further lock (up to a maximum). A locked key is refused before its
 * password or token is even checked. Unknown user names are counted exactly like existing ones, so the answers never
 * tell whether a name exists. A successful login resets its user name's count (not its address's: one good account
 * must not reset the count of an address that guesses other users' passwords).
 *
 * <p>The counts live in the database ({@link LoginAttempts}), so every node of a cluster sees the same ones and a
 * restart forgets nothing. Keys quiet for the maximum lock time are forgotten.
 */
class LoginThrottle {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	/** FERRY_LOGIN_THROTTLE.THROTTLE_KEY */
	private static final int MAX_KEY_LENGTH = 255;

	private final LoginThrottleProperties settings;

	private final LoginAttempts attempts;

	private final Clock clock;

	LoginThrottle(LoginThrottleProperties settings, LoginAttempts attempts, Clock clock) {
		this.settings = settings;
		this.attempts = attempts;
		this.clock = clock;
	}

	/**
	 * Refuses with {@link LoginThrottledException} while the user name or the address is locked.
	 * @return whether the user name has failures on record (only then does a success need {@link #succeeded})
	 */
	boolean check(@Nullable String username, @Nullable String address) {
		Instant now = this.clock.instant();
		Optional<Attempts> user = find(Scope.USER, userKey(username));
		Duration wait = max(remaining(user, now), remaining(find(Scope.ADDRESS, addressKey(address)), now));
		if (!wait.isZero() && !wait.isNegative()) {
			throw new LoginThrottledException(wait);
		}
		return user.isPresent();
	}

	void failed(@Nullable String username, @Nullable String address) {
		Instant now = this.clock.instant();
		count(Scope.USER, userKey(username), this.settings.maxFailuresPerUser(), now);
		count(Scope.ADDRESS, addressKey(address), this.settings.maxFailuresPerAddress(), now);
	}

	void succeeded(@Nullable String username) {
		String key = userKey(username);
		if (key != null) {
			this.attempts.forget(Scope.USER, key);
		}
	}

	/** Forgets the keys quiet for longer than the maximum lock time (hourly). */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
	void forgetQuietKeys() {
		int forgotten = this.attempts.forgetQuietSince(this.clock.instant().minus(this.settings.maxLockTime()));
		if (forgotten > 0) {
			log.debug("Forgot the failed logins of {} quiet user names and addresses", forgotten);
		}
	}

	private void count(Scope scope, @Nullable String key, int limit, Instant now) {
		if (key == null || key.isEmpty()) {
			return;
		}
		this.attempts.update(scope, key, (entry) -> {
			Attempts current = stale(entry, now) ? Attempts.NONE : entry;
			int failures = current.failures() + 1;
			if (failures < limit) {
				return new Attempts(failures, current.locks(), current.lockedUntil(), now);
			}
			int locks = current.locks() + 1;
			return new Attempts(0, locks, now.plus(this.settings.lockTime(locks)), now);
		});
	}

	private Optional<Attempts> find(Scope scope, @Nullable String key) {
		return (key == null || key.isEmpty()) ? Optional.empty() : this.attempts.find(scope, key);
	}

	private static Duration remaining(Optional<Attempts> attempts, Instant now) {
		return attempts.filter((entry) -> now.isBefore(entry.lockedUntil()))
			.map((entry) -> Duration.between(now, entry.lockedUntil()))
			.orElse(Duration.ZERO);
	}

	/** Quiet for the maximum lock time since its last failure or the end of its last lock. */
	private boolean stale(Attempts entry, Instant now) {
		Instant last = entry.lockedUntil().isAfter(entry.lastFailure()) ? entry.lockedUntil() : entry.lastFailure();
		return now.isAfter(last.plus(this.settings.maxLockTime()));
	}

	private static @Nullable String userKey(@Nullable String username) {
		return (username == null || username.isBlank()) ? null
				: fitted(username.strip().toLowerCase(Locale.ROOT));
	}

	private static @Nullable String addressKey(@Nullable String address) {
		return (address == null || address.isBlank()) ? null : fitted(address);
	}

	/** A key longer than the column (a name can be anything) is replaced by its SHA-256, which still tells keys apart. */
	private static String fitted(String key) {
		if (key.length() <= MAX_KEY_LENGTH) {
			return key;
		}
		try {
			return "sha256:" + HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	private static Duration max(Duration a, Duration b) {
		return a.compareTo(b) >= 0 ? a : b;
	}

}
