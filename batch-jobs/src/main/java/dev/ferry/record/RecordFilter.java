package dev.ferry.record;

import org.jspecify.annotations.Nullable;

import dev.ferry.error.FerryException;

/**
 * Filters of the record list. {@code startTime} keeps records that started at or after it, {@code endTime} records
 * that ended at or before it (both unix seconds); {@code commentContains} keeps records whose comment contains it
 * (case-insensitive). {@code page} counts from 1 up to {@link #MAX_PAGE}; a page past the last record is empty.
 */
public record RecordFilter(int page, int pageSize, @Nullable Long recordId, @Nullable String clusterId,
		@Nullable Boolean reImport, @Nullable Long startTime, @Nullable Long endTime, @Nullable RecordStatus status,
		@Nullable String transportType, @Nullable String commentContains) {

	/** The highest page number accepted: beyond it a request is refused (400) before any query runs. */
	public static final int MAX_PAGE = 1_000_000;

	public RecordFilter {
		checkPage(page);
		if (pageSize < 1) {
			throw FerryException.invalid("pageSize must be 1 or more, was " + pageSize);
		}
	}

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

	/** Rows before this page; a {@code long}, so no page and page size can overflow it. */
	public long offset() {
		return (this.page - 1L) * this.pageSize;
	}

	/** Refuses a page number outside 1..{@link #MAX_PAGE} with a 400 naming the bounds. */
	public static void checkPage(long page) {
		if (page < 1 || page > MAX_PAGE) {
			throw FerryException.invalid("page must be between 1 and " + MAX_PAGE + ", was " + page);
		}
	}

}
