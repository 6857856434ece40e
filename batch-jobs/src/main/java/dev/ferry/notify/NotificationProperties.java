package dev.ferry.notify;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ferry.notifications.*}: how deliveries are made. The SMTP server itself is Spring Boot's
 * {@code spring.mail.*} (host, port, username, password).
 *
 * @param baseUrl the console's address as users reach it (links in notifications); none: no links
 * @param from the sender of e-mails
 * @param maxAttempts attempts per delivery before it is FAILED
 * @param initialBackoff the wait after the first failed attempt; it doubles after each further one
 * @param maxBackoff the longest wait between attempts
 * @param pollInterval how often a node looks for due deliveries
 * @param timeout connect and response timeout of a webhook call
 */
@Validated
@ConfigurationProperties("ferry.notifications")
public record NotificationProperties(@Nullable String baseUrl, @NotBlank String from, @Min(1) @Max(50) int maxAttempts,
		@NotNull Duration initialBackoff, @NotNull Duration maxBackoff, @NotNull Duration pollInterval,
		@NotNull Duration timeout) {
}
