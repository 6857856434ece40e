package dev.ferry.transfer;

import org.jspecify.annotations.Nullable;

/**
 * Published (as an application event) when a restore drill of an export has ended: the export was imported into a
 * drill cluster and verified against its manifest, or it was not.
 *
 * @param exportRecordId the export that was drilled
 * @param drillRecordId the drill's own record (its import job instance), or {@code null} if it could not start
 * @param scheduleId the schedule whose export was drilled, if any
 * @param restorable true if the export loaded and verified
 * @param summary one line for people: "restorable, verified …" or the reason it is not
 */
public record RestoreDrillEnded(long exportRecordId, @Nullable Long drillRecordId, @Nullable Long scheduleId,
		boolean restorable, String summary) {
}
