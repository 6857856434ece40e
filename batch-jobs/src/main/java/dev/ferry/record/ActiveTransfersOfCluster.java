package dev.ferry.record;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.ferry.cluster.ClusterUsage;

/** A cluster with queued or running transfers (exports of it, imports into it) must not be deleted. */
@Component
class ActiveTransfersOfCluster implements ClusterUsage {

	private final TransportRecordQuery records;

	ActiveTransfersOfCluster(TransportRecordQuery records) {
		this.records = records;
	}

	@Override
	public Optional<String> describeUse(long clusterId) {
		Map<RecordStatus, Long> counts = this.records
			.countByStatus(new RecordFilter(1, 1, null, Long.toString(clusterId), null, null, null, null, null));
		long active = counts.getOrDefault(RecordStatus.Queued, 0L) + counts.getOrDefault(RecordStatus.Processing, 0L);
		return (active == 0) ? Optional.empty()
				: Optional.of(active + " queued or running transfer" + ((active == 1) ? "" : "s"));
	}

}
