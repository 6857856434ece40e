package dev.ferry.web.security;

import java.time.Duration;

import org.springframework.security.authentication.LockedException;

/** A login refused unchecked because its user name or client address failed too often lately. */
class LoginThrottledException extends LockedException {

	static final String MESSAGE = "Too many failed attempts. Try again later.";

	private final Duration retryAfter;

	LoginThrottledException(Duration retryAfter) {
		super(MESSAGE);
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

}
