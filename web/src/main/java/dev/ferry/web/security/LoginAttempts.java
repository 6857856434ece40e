package dev.ferry.web.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The failed-login counters in {@code FERRY_LOGIN_THROTTLE}: one row per user name or client address, shared by
 * every node of the database, so that a load balancer spreading guesses over the nodes gains nothing. A change runs
 * in its own transaction with the row locked; two nodes that create the same row at once retry.
 */
@Component
class LoginAttempts {

	enum Scope {

		USER, ADDRESS

	}

	/** Failures since the last lock, locks so far, the end of the current lock, the last failure. */
	record Attempts(int failures, int locks, Instant lockedUntil, Instant lastFailure) {

		static final Attempts NONE = new Attempts(0, 0, Instant.EPOCH, Instant.EPOCH);

	}

	private static final int ATTEMPTS = 3;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	LoginAttempts(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	Optional<Attempts> find(Scope scope, String key) {
		return select(scope, key, "");
	}

	/** Applies the change to the key's attempts ({@link Attempts#NONE} when it has none) and stores the result. */
	void update(Scope scope, String key, UnaryOperator<Attempts> change) {
		for (int attempt = 1;; attempt++) {
			try {
				this.transactions.executeWithoutResult((status) -> store(scope, key, change));
				return;
			}
			catch (DataIntegrityViolationException | PessimisticLockingFailureException ex) {
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

	void forget(Scope scope, String key) {
		this.jdbc.sql("DELETE FROM FERRY_LOGIN_THROTTLE WHERE SCOPE = ? AND THROTTLE_KEY = ?")
			.params(scope.name(), key)
			.update();
	}

	/** Deletes the keys with neither a failure nor a lock after that moment; answers how many. */
	int forgetQuietSince(Instant moment) {
		LocalDateTime cutoff = local(moment);
		return this.jdbc.sql("DELETE FROM FERRY_LOGIN_THROTTLE WHERE LOCKED_UNTIL < ? AND LAST_FAILURE < ?")
			.params(cutoff, cutoff)
			.update();
	}

	private void store(Scope scope, String key, UnaryOperator<Attempts> change) {
		Optional<Attempts> current = select(scope, key, " FOR UPDATE");
		Attempts next = change.apply(current.orElse(Attempts.NONE));
		if (current.isPresent()) {
			this.jdbc.sql("UPDATE FERRY_LOGIN_THROTTLE SET FAILURES = ?, LOCKS = ?, LOCKED_UNTIL = ?, LAST_FAILURE = ?"
					+ " WHERE SCOPE = ? AND THROTTLE_KEY = ?")
				.params(next.failures(), next.locks(), local(next.lockedUntil()), local(next.lastFailure()),
						scope.name(), key)
				.update();
		}
		else {
			this.jdbc.sql("INSERT INTO FERRY_LOGIN_THROTTLE (SCOPE, THROTTLE_KEY, FAILURES, LOCKS, LOCKED_UNTIL,"
					+ " LAST_FAILURE) VALUES (?, ?, ?, ?, ?, ?)")
				.params(scope.name(), key, next.failures(), next.locks(), local(next.lockedUntil()),
						local(next.lastFailure()))
				.update();
		}
	}

	private Optional<Attempts> select(Scope scope, String key, String lock) {
		return this.jdbc
			.sql("SELECT FAILURES, LOCKS, LOCKED_UNTIL, LAST_FAILURE FROM FERRY_LOGIN_THROTTLE"
					+ " WHERE SCOPE = ? AND THROTTLE_KEY = ?" + lock)
			.params(scope.name(), key)
			.query((rs, n) -> new Attempts(rs.getInt(1), rs.getInt(2), instant(rs.getTimestamp(3)),
					instant(rs.getTimestamp(4))))
			.optional();
	}

	/** Stored as UTC wall-clock time: the same on every node whatever its time zone. */
	private static LocalDateTime local(Instant instant) {
		return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
	}

}
