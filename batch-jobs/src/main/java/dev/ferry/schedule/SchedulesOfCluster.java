package dev.ferry.schedule;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import dev.ferry.cluster.ClusterUsage;

/** A cluster that a schedule exports must not be deleted: the schedule would fail at every fire. */
@Component
class SchedulesOfCluster implements ClusterUsage {

	private final ScheduleStore store;

	SchedulesOfCluster(ScheduleStore store) {
		this.store = store;
	}

	@Override
	public Optional<String> describeUse(long clusterId) {
		List<String> names = this.store.list()
			.stream()
			.filter((schedule) -> schedule.clusterId() == clusterId)
			.map((schedule) -> "'" + schedule.name() + "'")
			.toList();
		if (names.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(((names.size() == 1) ? "the schedule " : "the schedules ")
				+ names.stream().collect(Collectors.joining(", ")));
	}

}
