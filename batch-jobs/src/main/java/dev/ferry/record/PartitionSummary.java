package dev.ferry.record;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;

/**
 * A native export's partitions of one attempt as one line of its steps (there may be thousands): how many ended in
 * which status, the first failure, and the time they spanned.
 */
final class PartitionSummary {

	private PartitionSummary() {
	}

	static TransferDetails.StepRun of(List<StepExecution> partitions) {
		Map<String, Long> counts = partitions.stream()
			.collect(Collectors.groupingBy((step) -> step.getStatus().name(), TreeMap::new, Collectors.counting()));
		BatchStatus worst = partitions.stream()
			.map(StepExecution::getStatus)
			.reduce(BatchStatus.COMPLETED, BatchStatus::max);
		String failure = partitions.stream()
			.filter((step) -> step.getStatus() == BatchStatus.FAILED)
			.findFirst()
			.map((step) -> step.getStepName() + ": " + firstLine(step.getExitStatus().getExitDescription()))
			.orElse("");
		boolean running = partitions.stream().anyMatch((step) -> step.getStatus().isRunning());
		LocalDateTime start = partitions.stream()
			.map(StepExecution::getStartTime)
			.filter(Objects::nonNull)
			.min(Comparator.naturalOrder())
			.orElse(null);
		LocalDateTime end = running ? null : partitions.stream()
			.map(StepExecution::getEndTime)
			.filter(Objects::nonNull)
			.max(Comparator.naturalOrder())
			.orElse(null);
		String tally = counts.entrySet().stream()
			.map((entry) -> entry.getValue() + " " + entry.getKey())
			.collect(Collectors.joining(", "));
		return new TransferDetails.StepRun(partitions.size() + " partitions", worst.name(), tally, failure, start, end);
	}

	private static String firstLine(String text) {
		int newline = text.indexOf('\n');
		return newline < 0 ? text : text.substring(0, newline);
	}

}
