package dev.ferry.web.security;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;

import dev.ferry.audit.AuditLog;

/**
 * Failed logins (form, HTTP Basic, API token) in the log and the audit trail: the user name tried (never a password
 * or a token) and the client address. A counted failure writes audit row {@code login.failure}; a refusal of a
 * throttled name or address is only logged, so that a flood of guesses cannot flood the audit table.
 */
class FailedLogins {

	static final String ACTION = "login.failure";

	static final String ACTOR = "anonymous";

	private static final Logger log = LoggerFactory.getLogger(FailedLogins.class);

	private final AuditLog audit;

	FailedLogins(AuditLog audit) {
		this.audit = audit;
	}

	/** A wrong password, unknown user, bad token or refused account: logged and audited. */
	void failed(@Nullable String username, @Nullable String address, AuthenticationException ex) {
		String who = who(username);
		String detail = "from " + from(address) + ": " + reason(username, ex);
		log.warn("Failed login as {} {}", who, detail);
		try {
			this.audit.record(ACTOR, ACTION, who, detail);
		}
		catch (RuntimeException auditFailed) {
			log.warn("Could not audit the failed login as {}: {}", who, auditFailed.toString());
		}
	}

	/** Refused unchecked while the name or address is locked: logged only. */
	void throttled(@Nullable String username, @Nullable String address) {
		log.warn("Refused login as {} from {}: too many failed attempts (throttled)", who(username), from(address));
	}

	private static String who(@Nullable String username) {
		return (username == null) ? "an API token" : "user '" + LogSafe.text(username) + "'";
	}

	private static String from(@Nullable String address) {
		return (address == null) ? "an unknown address" : LogSafe.text(address);
	}

	private static String reason(@Nullable String username, AuthenticationException ex) {
		if (ex instanceof DisabledException) {
			return "the user is disabled";
		}
		if (username == null) {
			return "unknown, revoked or expired token, or its user is disabled";
		}
		return "wrong user name or password";
	}

}
