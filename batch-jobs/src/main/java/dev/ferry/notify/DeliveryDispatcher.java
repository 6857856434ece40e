package dev.ferry.notify;

import java.time.Duration;
import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.ferry.node.LocalNode;
import dev.ferry.secret.SecretStore;

/**
 * Sends due deliveries, on every node: claims one at a time, sends it, and records DELIVERED, or PENDING with the
 * next attempt after {@link Backoff}, or FAILED once {@code max-attempts} are used. It runs on the scheduler's
 * threads, never on a transfer's.
 */
@Component
class DeliveryDispatcher {

	private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

	private static final int BATCH = 20;

	private final Deliveries deliveries;

	private final WebhookSender webhooks;

	private final EmailSender mail;

	private final SecretStore secrets;

	private final LocalNode node;

	private final NotificationProperties properties;

	private final JsonMapper json = JsonMapper.builder().build();

	DeliveryDispatcher(Deliveries deliveries, WebhookSender webhooks, EmailSender mail, SecretStore secrets,
			LocalNode node, NotificationProperties properties) {
		this.deliveries = deliveries;
		this.webhooks = webhooks;
		this.mail = mail;
		this.secrets = secrets;
		this.node = node;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${ferry.notifications.poll-interval}",
			initialDelayString = "${ferry.notifications.poll-interval}")
	void sendDue() {
		try {
			Duration lease = this.properties.timeout().multipliedBy(3).plusSeconds(30);
			for (long id : this.deliveries.due(BATCH)) {
				this.deliveries.claim(id, this.node.id(), lease).ifPresent(this::attempt);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Could not look for due notifications: {}", ex.getMessage());
		}
	}

	void attempt(Deliveries.Due due) {
		int attempts = due.attempts() + 1;
		try {
			if (Deliveries.WEBHOOK.equals(due.channel())) {
				String secret = due.secretId() == null ? "" : this.secrets.reveal(due.secretId());
				this.webhooks.send(due.id(), due.event(), due.destination(), secret, due.payload());
			}
			else {
				this.mail.send(due.destination(), this.json.readValue(due.payload(), Notification.class));
			}
			this.deliveries.delivered(due.id(), attempts);
			log.info("Notification {} ({}, {}) delivered on attempt {}", due.id(), due.event(), due.channel(),
					attempts);
		}
		catch (RuntimeException ex) {
			String error = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
			LocalDateTime next = attempts >= this.properties.maxAttempts() ? null : LocalDateTime.now()
				.plus(Backoff.after(attempts, this.properties.initialBackoff(), this.properties.maxBackoff()));
			this.deliveries.attemptFailed(due.id(), attempts, error, next);
			log.warn("Notification {} ({}, {}) attempt {} failed: {}{}", due.id(), due.event(), due.channel(),
					attempts, error, next == null ? "; no attempts left" : "; next attempt at " + next);
		}
	}

}
