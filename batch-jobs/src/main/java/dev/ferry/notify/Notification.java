package dev.ferry.notify;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The body of a webhook call (JSON) and the content of an e-mail. Times are ISO-8601 with offset.
 *
 * @param event transfer.failed, transfer.verification_failed, schedule.missed, drill.failed or transfer.succeeded
 * @param recordId the transfer record (for drill.failed: the export that was drilled)
 * @param type export or import
 * @param clusterId the cluster's id
 * @param clusterName the cluster's name
 * @param scheduleId the schedule that launched it (or missed a fire)
 * @param scheduleName its name
 * @param status Failed, Finished, SKIPPED (a missed fire) ...
 * @param message why, for people (never a secret)
 * @param startTime when the attempt started
 * @param endTime when it ended
 * @param occurredAt when Ferry noticed the event
 * @param link the console page of the record or schedule, if ferry.notifications.base-url is set
 */
@Schema(description = "The JSON body of a webhook call.")
public record Notification(String event, @Nullable Long recordId, @Nullable String type, @Nullable String clusterId,
		@Nullable String clusterName, @Nullable Long scheduleId, @Nullable String scheduleName, String status,
		String message, @Nullable String startTime, @Nullable String endTime, String occurredAt, @Nullable String link) {

	/** The same with the message cut to {@code max} characters. */
	Notification withMessageCut(int max) {
		String cut = this.message.length() <= max ? this.message : this.message.substring(0, max) + "…";
		return new Notification(this.event, this.recordId, this.type, this.clusterId, this.clusterName, this.scheduleId,
				this.scheduleName, this.status, cut, this.startTime, this.endTime, this.occurredAt, this.link);
	}

	/** The e-mail subject. */
	String subject() {
		StringBuilder subject = new StringBuilder("[Ferry] ").append(this.event);
		if (this.scheduleName != null) {
			subject.append(" · ").append(this.scheduleName);
		}
		if (this.recordId != null) {
			subject.append(" · record ").append(this.recordId);
		}
		if (this.clusterName != null) {
			subject.append(" · ").append(this.clusterName);
		}
		return subject.toString();
	}

	/** The e-mail text. */
	String text() {
		StringBuilder text = new StringBuilder();
		line(text, "Event", this.event);
		line(text, "Status", this.status);
		line(text, "Message", this.message);
		line(text, "Record", this.recordId == null ? null : this.recordId.toString());
		line(text, "Type", this.type);
		line(text, "Cluster", this.clusterName == null ? this.clusterId : this.clusterName + " (" + this.clusterId + ")");
		line(text, "Schedule", this.scheduleName == null ? null : this.scheduleName + " (" + this.scheduleId + ")");
		line(text, "Started", this.startTime);
		line(text, "Ended", this.endTime);
		line(text, "Noticed", this.occurredAt);
		line(text, "Console", this.link);
		return text.toString();
	}

	private static void line(StringBuilder text, String label, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			text.append(label).append(": ").append(value).append('\n');
		}
	}

}
