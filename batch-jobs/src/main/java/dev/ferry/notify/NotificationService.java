package dev.ferry.notify;

import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ferry.audit.AuditLog;
import dev.ferry.error.FerryException;
import dev.ferry.schedule.ScheduleService;
import dev.ferry.secret.SecretStore;

/**
 * Where notifications go (globally and per schedule) and what became of them. A webhook's signing secret is kept in
 * the {@link SecretStore} and never shown again.
 */
@Service
public class NotificationService {

	static final String SECRET_PURPOSE = "notify-webhook";

	static final int MAX_PAYLOAD = 4000;

	private final NotificationTargets targets;

	private final Deliveries deliveries;

	private final SecretStore secrets;

	private final ScheduleService schedules;

	private final EmailSender mail;

	private final NotificationProperties properties;

	private final AuditLog audit;

	private final JsonMapper json = JsonMapper.builder().build();

	NotificationService(NotificationTargets targets, Deliveries deliveries, SecretStore secrets,
			ScheduleService schedules, EmailSender mail, NotificationProperties properties, AuditLog audit) {
		this.targets = targets;
		this.deliveries = deliveries;
		this.secrets = secrets;
		this.schedules = schedules;
		this.mail = mail;
		this.properties = properties;
		this.audit = audit;
	}

	/** Where every notification goes. */
	public NotificationTarget global() {
		return stored(NotificationTargets.GLOBAL).view();
	}

	/**
	 * Where a schedule's notifications go besides the global target.
	 * @throws FerryException SCHEDULE_NOT_FOUND
	 */
	public NotificationTarget ofSchedule(String scheduleId) {
		return stored(scope(scheduleId)).view();
	}

	@Transactional
	public NotificationTarget saveGlobal(NotificationTargetDraft draft, String actor) {
		return save(NotificationTargets.GLOBAL, draft, actor);
	}

	/** @throws FerryException SCHEDULE_NOT_FOUND, PARAMETER_INVALID */
	@Transactional
	public NotificationTarget saveForSchedule(String scheduleId, NotificationTargetDraft draft, String actor) {
		return save(scope(scheduleId), draft, actor);
	}

	/** The newest deliveries, newest first. */
	public List<Delivery> recentDeliveries(int limit) {
		return this.deliveries.recent(limit);
	}

	/** True if e-mail can be sent (spring.mail.host is set). */
	public boolean mailConfigured() {
		return this.mail.configured();
	}

	/** The console link of a path, or null without {@code ferry.notifications.base-url}. */
	@Nullable String link(String path) {
		String base = this.properties.baseUrl();
		if (base == null || base.isBlank()) {
			return null;
		}
		return base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path;
	}

	/** Queues the notification for every channel of the global target and of its schedule's that want the event. */
	void send(NotificationEvent event, Notification notification) {
		List<NotificationTargets.Stored> wanted = new java.util.ArrayList<>();
		this.targets.find(NotificationTargets.GLOBAL).ifPresent(wanted::add);
		if (notification.scheduleId() != null) {
			this.targets.find(NotificationTargets.ofSchedule(notification.scheduleId())).ifPresent(wanted::add);
		}
		String payload = this.json.writeValueAsString(notification);
		if (payload.length() > MAX_PAYLOAD) { // FERRY_NOTIFY_DELIVERY.PAYLOAD; a message full of escapes could exceed it
			payload = this.json.writeValueAsString(notification.withMessageCut(500));
		}
		Set<String> sent = new LinkedHashSet<>();
		for (NotificationTargets.Stored target : wanted) {
			if (!target.wants(event)) {
				continue;
			}
			if (target.webhookUrl() != null && sent.add("webhook " + target.webhookUrl())) {
				this.deliveries.add(event, notification, Deliveries.WEBHOOK, target.webhookUrl(), target.secretId(),
						payload);
			}
			if (target.emailTo() != null && sent.add("email " + target.emailTo())) {
				this.deliveries.add(event, notification, Deliveries.EMAIL, target.emailTo(), null, payload);
			}
		}
	}

	private NotificationTarget save(String scope, NotificationTargetDraft draft, String actor) {
		NotificationTargets.Stored old = stored(scope);
		Set<NotificationEvent> events = TargetValidator.events(draft.events());
		String url = TargetValidator.webhookUrl(draft.webhookUrl());
		String secret = TargetValidator.secret(draft.webhookSecret());
		String emailTo = TargetValidator.recipients(draft.emailTo());
		if (emailTo != null && !this.mail.configured()) {
			throw FerryException.invalid("emailTo needs an SMTP server: set spring.mail.host (SPRING_MAIL_HOST) "
					+ "and restart Ferry");
		}
		Long secretId = old.secretId();
		if (url == null) {
			if (secret != null) {
				throw FerryException.invalid("webhookSecret is given without a webhookUrl");
			}
			if (secretId != null) {
				this.secrets.delete(secretId);
				secretId = null;
			}
		}
		else if (secret != null) {
			if (secretId == null) {
				secretId = this.secrets.store(SECRET_PURPOSE, secret);
			}
			else {
				this.secrets.replace(secretId, secret);
			}
		}
		else if (secretId == null) {
			throw FerryException.invalid("webhookSecret is required with a webhookUrl (at least "
					+ TargetValidator.MIN_SECRET + " characters): the receiver checks the signature with it");
		}
		NotificationTargets.Stored saved = new NotificationTargets.Stored(scope, events, url, secretId, emailTo,
				actor.length() > 64 ? actor.substring(0, 64) : actor, LocalDateTime.now());
		this.targets.save(saved);
		this.audit.record(actor, "notifications.update", scope,
				"events=" + events + (url != null ? ", webhook=" + Deliveries.origin(url) : "")
						+ (emailTo != null ? ", email=" + emailTo : ""));
		return saved.view();
	}

	private NotificationTargets.Stored stored(String scope) {
		return this.targets.find(scope).orElseGet(() -> NotificationTargets.Stored.none(scope));
	}

	private String scope(String scheduleId) {
		return NotificationTargets.ofSchedule(Long.parseLong(this.schedules.get(scheduleId).scheduleId()));
	}

}
