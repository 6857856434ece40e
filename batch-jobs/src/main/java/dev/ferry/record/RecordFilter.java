package dev.ferry.record;

import org.jspecify.annotations.Nullable;

/**
 * Filters of the record list. {@code startTime} keeps records that started at or after it, {@code endTime} records
 * that ended at or before it (both unix seconds); {@code commentContains} keeps records whose comment contains it
 * (case-insensitive).
 */
public record RecordFilter(int page, int pageSize, @Nullable Long recordId, @Nullable String clusterId,
		@Nullable Boolean reImport, @Nullable Long startTime, @Nullable Long endTime, @Nullable RecordStatus status,
		@Nullable String transportType, @Nullable String commentContains) {

	public RecordFilter(int page, int pageSize, @Nullable Long recordId, @Nullable String clusterId,
			@Nullable Boolean reImport, @Nullable Long startTime, @Nullable Long endTime, @Nullable RecordStatus status,
			@Nullable String transportType) {
		this(page, pageSize, recordId, clusterId, reImport, startTime, endTime, status, transportType, null);
	}

	/** The filter the per-status counts depend on: no status, no paging. */
	RecordFilter countKey() {
		return new RecordFilter(1, 1, this.recordId, this.clusterId, this.reImport, this.startTime, this.endTime,
				null, this.transportType, this.commentContains);
	}

	/** The same filter without its status: what the status tabs count over. */
	public RecordFilter anyStatus() {
		return new RecordFilter(this.page, this.pageSize, this.recordId, this.clusterId, this.reImport,
				this.startTime, this.endTime, null, this.transportType, this.commentContains);
	}

	public int offset() {
		return (this.page - 1) * this.pageSize;
	}

}
