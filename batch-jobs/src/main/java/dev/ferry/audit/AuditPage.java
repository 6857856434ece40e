package dev.ferry.audit;

import java.util.List;

/** One page of the audit trail, newest first, and how many entries match in total. */
public record AuditPage(List<AuditEntry> entries, int page, int pageSize, long total) {

	public int pages() {
		return (int) Math.max(1, (this.total + this.pageSize - 1) / this.pageSize);
	}

}
