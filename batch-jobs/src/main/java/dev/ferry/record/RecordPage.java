package dev.ferry.record;

import java.util.List;

/** One page of records and the total that match the filter. */
public record RecordPage(List<TransportRecord> records, int page, int pageSize, long total) {
}
