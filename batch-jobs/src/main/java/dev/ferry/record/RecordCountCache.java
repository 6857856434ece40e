package dev.ferry.record;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.ferry.transfer.RecordDeleted;

/**
 * Keeps the per-status record counts of recent filters, because counting means visiting every record (the latest
 * execution of each JobInstance): too slow to redo on every list view once there are 100,000 records.
 * <p>
 * An entry is reused only while nothing that moves a count has happened: its fingerprint is the newest execution id
 * (a launch or restart adds one), the number of queued and of running executions (a start, an end, a stop or a
 * recovery changes them) and a generation bumped when this node deletes a record. Deletes on another node are not in
 * the fingerprint, so an entry also expires after {@link #TTL}.
 */
@Component
class RecordCountCache {

	static final Duration TTL = Duration.ofSeconds(10);

	private static final int MAX_ENTRIES = 64;

	private static final String FINGERPRINT = "SELECT (SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION),"
			+ " (SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'STARTING'),"
			+ " (SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS IN ('STARTED', 'STOPPING'))";

	private final JdbcTemplate jdbc;

	private final AtomicLong generation = new AtomicLong();

	private final Map<RecordFilter, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<RecordFilter, Entry> eldest) {
			return size() > MAX_ENTRIES;
		}
	};

	RecordCountCache(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	Map<RecordStatus, Long> counts(RecordFilter filter, Supplier<Map<RecordStatus, Long>> count) {
		RecordFilter key = filter.countKey();
		String fingerprint = fingerprint();
		long now = System.nanoTime();
		synchronized (this.entries) {
			Entry entry = this.entries.get(key);
			if (entry != null && entry.fingerprint.equals(fingerprint) && now - entry.countedAt < TTL.toNanos()) {
				return entry.counts;
			}
		}
		Map<RecordStatus, Long> counts = Map.copyOf(count.get());
		synchronized (this.entries) {
			this.entries.put(key, new Entry(fingerprint, now, counts));
		}
		return counts;
	}

	private String fingerprint() {
		return this.jdbc.queryForObject(FINGERPRINT,
				(rs, n) -> rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3) + "/" + this.generation.get());
	}

	@EventListener
	void recordDeleted(RecordDeleted deleted) {
		this.generation.incrementAndGet();
	}

	private record Entry(String fingerprint, long countedAt, Map<RecordStatus, Long> counts) {
	}

}
