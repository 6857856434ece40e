package dev.ferry.transfer;

import org.jspecify.annotations.Nullable;

import dev.ferry.cluster.Cluster;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

/** What a request is told when a {@link TransferLocks} lock is held by another: a 409 naming the holder. */
final class LockConflicts {

	private LockConflicts() {
	}

	/** A record id as a request spells it, if it is one (else the record is simply not found later). */
	static @Nullable Long recordNumber(@Nullable String recordId) {
		if (recordId == null) {
			return null;
		}
		try {
			return Long.parseLong(recordId.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	static FerryException importRunning(Cluster cluster, long recordId) {
		return new FerryException(ErrorCode.TRANSFER_CONFLICT, "cluster " + cluster.name() + " already has an import "
				+ "running (record " + recordId + "); start this one when it has ended");
	}

	static FerryException importRunning(Cluster cluster, TransferLocks.Holder holder) {
		if (holder.recordId() != null) {
			return importRunning(cluster, holder.recordId());
		}
		return new FerryException(ErrorCode.TRANSFER_CONFLICT, "cluster " + cluster.name() + " has an import being "
				+ "launched right now (" + holder.purpose() + "); start this one when it has ended");
	}

	static FerryException recordBusy(long recordId, TransferLocks.Holder holder) {
		return new FerryException(ErrorCode.TRANSFER_CONFLICT, "record " + recordId + " is in use by another request ("
				+ holder.purpose() + "); try again when it has ended");
	}

}
