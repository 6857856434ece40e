package dev.ferry.notify;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import dev.ferry.error.FerryException;

/** What a notification is about; {@link #wireName()} is the {@code event} of the payload and of the API. */
public enum NotificationEvent {

	/** An attempt of a transfer ended Failed (not stopped by a person). */
	TRANSFER_FAILED("transfer.failed"),
	/** An import loaded but its row counts do not match the export's manifest. */
	VERIFICATION_FAILED("transfer.verification_failed"),
	/** A fire of a schedule launched no export (skipped, or the export could not start). */
	SCHEDULE_MISSED("schedule.missed"),
	/** A restore drill found an export not restorable. */
	DRILL_FAILED("drill.failed"),
	/** An attempt of a transfer ended Finished (off by default). */
	TRANSFER_SUCCEEDED("transfer.succeeded");

	private final String wireName;

	NotificationEvent(String wireName) {
		this.wireName = wireName;
	}

	public String wireName() {
		return this.wireName;
	}

	/** Every event but success: what a target gets when it names none. */
	public static Set<NotificationEvent> defaults() {
		return EnumSet.complementOf(EnumSet.of(TRANSFER_SUCCEEDED));
	}

	/**
	 * The event of a wire name ({@code transfer.failed}) or constant name ({@code TRANSFER_FAILED}).
	 * @throws FerryException PARAMETER_INVALID listing the known events
	 */
	public static NotificationEvent parse(String name) {
		String text = name.strip();
		for (NotificationEvent event : values()) {
			if (event.wireName.equalsIgnoreCase(text) || event.name().equals(text.toUpperCase(Locale.ROOT))) {
				return event;
			}
		}
		throw FerryException.invalid("events: '" + text + "' is not an event; known are transfer.failed, "
				+ "transfer.verification_failed, schedule.missed, drill.failed, transfer.succeeded");
	}

}
