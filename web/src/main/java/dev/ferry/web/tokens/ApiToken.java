package dev.ferry.web.tokens;

import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/** One of a user's tokens as listed: never the token itself, only its first characters. */
record ApiToken(long id, String name, String prefix, LocalDateTime createdAt, @Nullable LocalDateTime lastUsedAt,
		@Nullable LocalDateTime expiresAt) {

	public boolean expired(LocalDateTime now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}

}
