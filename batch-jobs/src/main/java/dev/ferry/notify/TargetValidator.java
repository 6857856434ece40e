package dev.ferry.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;

import dev.ferry.error.FerryException;

/** Checks a {@link NotificationTargetDraft}: each refusal is a PARAMETER_INVALID naming the field. */
final class TargetValidator {

	static final int MIN_SECRET = 16;

	static final int MAX_RECIPIENTS = 20;

	private TargetValidator() {
	}

	static Set<NotificationEvent> events(@Nullable List<String> names) {
		if (names == null) {
			return NotificationEvent.defaults();
		}
		Set<NotificationEvent> events = EnumSet.noneOf(NotificationEvent.class);
		names.forEach((name) -> events.add(NotificationEvent.parse(name == null ? "" : name)));
		return events;
	}

	/**
	 * The webhook URL, or null if blank. Only http and https are accepted (no file:, ftp:, jar: ... that a client
	 * library might follow), with a host and without user:password (which the console would show).
	 */
	static @Nullable String webhookUrl(@Nullable String value) {
		String text = blankToNull(value);
		if (text == null) {
			return null;
		}
		if (text.length() > 1024) {
			throw FerryException.invalid("webhookUrl is longer than 1024 characters");
		}
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			throw FerryException.invalid("webhookUrl '" + text + "' is not a URL: " + ex.getReason());
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw FerryException.invalid("webhookUrl must be an http or https URL, not '" + text + "'");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw FerryException.invalid("webhookUrl '" + text + "' has no host");
		}
		if (uri.getRawUserInfo() != null) {
			throw FerryException.invalid("webhookUrl must not contain a user or password; "
					+ "the receiver checks the X-Ferry-Signature instead");
		}
		return uri.toString();
	}

	static @Nullable String secret(@Nullable String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		if (value.length() < MIN_SECRET || value.length() > 512) {
			throw FerryException.invalid("webhookSecret must be " + MIN_SECRET + " to 512 characters long");
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			throw FerryException.invalid("webhookSecret must not contain control characters");
		}
		return value;
	}

	/** The recipients normalised to "a@x, b@y", or null if blank. */
	static @Nullable String recipients(@Nullable String value) {
		String text = blankToNull(value);
		if (text == null) {
			return null;
		}
		List<String> addresses = new ArrayList<>();
		for (String part : text.split("[,;\\s]+")) {
			if (part.isEmpty()) {
				continue;
			}
			try {
				InternetAddress address = new InternetAddress(part, true);
				address.validate();
				if (!address.getAddress().contains("@")) {
					throw new AddressException("no @");
				}
				addresses.add(address.getAddress());
			}
			catch (AddressException ex) {
				throw FerryException.invalid("emailTo: '" + part + "' is not an e-mail address");
			}
		}
		if (addresses.size() > MAX_RECIPIENTS) {
			throw FerryException.invalid("emailTo names more than " + MAX_RECIPIENTS + " recipients");
		}
		String joined = String.join(", ", addresses);
		if (joined.length() > 1000) {
			throw FerryException.invalid("emailTo is longer than 1000 characters");
		}
		return addresses.isEmpty() ? null : joined;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
