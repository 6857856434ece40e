package dev.ferry.record;

import org.jspecify.annotations.Nullable;

/**
 * Filters of the record list. {@code startTime} keeps records that started at or after it, {@code endTime} records
 * that ended at or before it (both unix seconds).
 */
public record RecordFilter(int page, int pageSize, @Nullable Long recordId, @Nullable String clusterId,
		@Nullable Boolean reImport, @Nullable Long startTime, @Nullable Long endTime, @Nullable RecordStatus status,
		@Nullable String transportType) {

	public int offset() {
		return (this.page - 1) * this.pageSize;
	}

}
