package dev.ferry.transfer;

import org.jspecify.annotations.Nullable;

/**
 * Published (as an application event, on the transfer's thread) when an attempt of a transfer ends.
 *
 * @param recordId the record (JobInstance id)
 * @param export true for an export, false for an import
 * @param completed true if the attempt ended COMPLETED (Finished)
 * @param scheduleId the schedule that launched it, if any
 */
public record TransferEnded(long recordId, boolean export, boolean completed, @Nullable Long scheduleId) {
}
