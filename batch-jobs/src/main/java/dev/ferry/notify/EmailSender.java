package dev.ferry.notify;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Sends a notification as a plain-text e-mail through Spring Boot's mail sender ({@code spring.mail.*}). */
@Component
class EmailSender {

	private final ObjectProvider<JavaMailSender> sender;

	private final NotificationProperties properties;

	EmailSender(ObjectProvider<JavaMailSender> sender, NotificationProperties properties) {
		this.sender = sender;
		this.properties = properties;
	}

	/** True if an SMTP server is configured (spring.mail.host). */
	boolean configured() {
		return this.sender.getIfAvailable() != null;
	}

	void send(String recipients, Notification notification) {
		JavaMailSender mail = this.sender.getIfAvailable();
		if (mail == null) {
			throw new IllegalStateException("no SMTP server is configured (spring.mail.host)");
		}
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(this.properties.from());
		message.setTo(recipients.split(",\\s*"));
		message.setSubject(notification.subject());
		message.setText(notification.text());
		mail.send(message);
	}

}
