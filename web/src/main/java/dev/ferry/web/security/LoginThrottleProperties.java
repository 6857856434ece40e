package dev.ferry.web.security;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Login throttling ({@code ferry.security.login.*}): every {@code maxFailuresPerUser} failed logins for one user
 * name (every {@code maxFailuresPerAddress} from one client address) lock it for {@code lockTime}, doubled at each
 * further lock up to {@code maxLockTime}.
 */
@Validated
@ConfigurationProperties("ferry.security.login")
record LoginThrottleProperties(@DefaultValue("5") @Min(1) int maxFailuresPerUser,
		@DefaultValue("20") @Min(1) int maxFailuresPerAddress, @DefaultValue("30s") @NotNull Duration lockTime,
		@DefaultValue("15m") @NotNull Duration maxLockTime) {

	/** How long the {@code locks}-th lock (counting from 1) lasts. */
	Duration lockTime(int locks) {
		Duration time = this.lockTime.multipliedBy(1L << Math.min(Math.max(locks - 1, 0), 20));
		return time.compareTo(this.maxLockTime) > 0 ? this.maxLockTime : time;
	}

}
