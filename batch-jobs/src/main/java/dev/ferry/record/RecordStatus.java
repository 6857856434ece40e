package dev.ferry.record;

import java.util.List;

import dev.ferry.error.FerryException;

/** The seed's record statuses (plus {@code Stopped}) and the Batch statuses each one covers. */
public enum RecordStatus {

	/** Waiting for a free transfer slot (the seed's unused {@code Initializing}). */
	Queued(List.of("STARTING")),
	Processing(List.of("STARTED", "STOPPING")),
	Finished(List.of("COMPLETED")),
	Failed(List.of("FAILED", "ABANDONED", "UNKNOWN")),
	Stopped(List.of("STOPPED"));

	private final List<String> batchStatuses;

	RecordStatus(List<String> batchStatuses) {
		this.batchStatuses = batchStatuses;
	}

	public List<String> batchStatuses() {
		return this.batchStatuses;
	}

	public static RecordStatus ofBatchStatus(String batchStatus) {
		for (RecordStatus status : values()) {
			if (status.batchStatuses.contains(batchStatus)) {
				return status;
			}
		}
		return Failed;
	}

	public static RecordStatus parse(String value) {
		for (RecordStatus status : values()) {
			if (status.name().equalsIgnoreCase(value.strip())) {
				return status;
			}
		}
		throw FerryException.invalid("status '" + value + "' is invalid: use one of Queued, Processing, "
				+ "Finished, Failed, Stopped");
	}

}
