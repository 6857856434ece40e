package dev.ferry.web.tokens;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The "new token" form: a name to recognise it by and an optional lifetime in days (empty: never expires). */
record NewTokenForm(@NotBlank @Size(max = 64) @Nullable String name, @Nullable Integer expiresInDays) {

	/** The lifetimes the form offers. */
	static final List<Integer> LIFETIMES = List.of(7, 30, 90, 365);

	static NewTokenForm empty() {
		return new NewTokenForm("", 90);
	}

	@Nullable Duration lifetime() {
		return (this.expiresInDays == null) ? null : Duration.ofDays(this.expiresInDays);
	}

	boolean lifetimeOffered() {
		return this.expiresInDays == null || LIFETIMES.contains(this.expiresInDays);
	}

}
