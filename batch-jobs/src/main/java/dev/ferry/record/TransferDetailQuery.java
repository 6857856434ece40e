package dev.ferry.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Service;

import dev.ferry.engine.export.NativeExportSteps;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.ManifestWriter;
import dev.ferry.storage.RecordDirectory;
import dev.ferry.tool.LogTail;
import dev.ferry.transfer.TransferParameters;

/** Reads one transfer record in full for the console: attempts, steps, log tail, manifest. Read-only. */
@Service
public class TransferDetailQuery {

	/** Parameters that are references or internals, not part of what the user asked for. */
	private static final Set<String> HIDDEN = Set.of(TransferParameters.CREDENTIAL_SECRET_ID,
			TransferParameters.S3_SECRET_ID, TransferParameters.TRANSFER_ID, TransferParameters.STORAGE_ROOT);

	static final int LOG_LINES = 60;

	static final int LOG_CHARS = 8000;

	private final JobRepository jobRepository;

	private final TransportRecordQuery records;

	TransferDetailQuery(JobRepository jobRepository, TransportRecordQuery records) {
		this.jobRepository = jobRepository;
		this.records = records;
	}

	public TransferDetails find(String recordId) {
		TransportRecord record = this.records.get(recordId);
		long id = Long.parseLong(record.recordId());
		JobInstance instance = this.jobRepository.getJobInstance(id);
		List<JobExecution> executions = instance == null ? List.of()
				: this.jobRepository.getJobExecutions(instance)
					.stream()
					.sorted(Comparator.comparingLong(JobExecution::getId))
					.toList();
		Map<String, String> parameters = new LinkedHashMap<>();
		@Nullable Path directory = null;
		if (!executions.isEmpty()) {
			JobExecution latest = executions.get(executions.size() - 1);
			latest.getJobParameters()
				.parameters()
				.stream()
				.filter((parameter) -> !HIDDEN.contains(parameter.name()))
				.sorted(Comparator.comparing((parameter) -> parameter.name()))
				.forEach((parameter) -> parameters.put(parameter.name(), String.valueOf(parameter.value())));
			directory = recordDirectory(latest, id);
		}
		Optional<Path> log = newestLog(directory);
		return new TransferDetails(record, parameters, executions.stream().map(TransferDetailQuery::attempt).toList(),
				log.map((path) -> path.getFileName().toString()).orElse(""),
				log.map((path) -> LogTail.read(path, LOG_LINES, LOG_CHARS)).orElse(""), manifest(record, directory));
	}

	private static TransferDetails.Attempt attempt(JobExecution execution) {
		List<StepExecution> all = execution.getStepExecutions()
			.stream()
			.sorted(Comparator.comparingLong((step) -> step.getId()))
			.toList();
		List<StepExecution> partitions = all.stream()
			.filter((step) -> NativeExportSteps.isPartition(step.getStepName()))
			.toList();
		List<TransferDetails.StepRun> steps = new java.util.ArrayList<>();
		for (StepExecution step : all) {
			if (NativeExportSteps.isPartition(step.getStepName())) {
				continue;
			}
			steps.add(new TransferDetails.StepRun(step.getStepName(), step.getStatus().name(),
					step.getExitStatus().getExitCode(), step.getExitStatus().getExitDescription(), step.getStartTime(),
					step.getEndTime()));
			if (step.getStepName().equals(NativeExportSteps.STEP_NAME) && !partitions.isEmpty()) {
				steps.add(PartitionSummary.of(partitions));
			}
		}
		return new TransferDetails.Attempt(execution.getId(),
				RecordStatus.ofBatchStatus(execution.getStatus().name()).name(), execution.getExitStatus().getExitCode(),
				execution.getStartTime(), execution.getEndTime(), steps);
	}

	private static @Nullable Path recordDirectory(JobExecution execution, long recordId) {
		var parameters = execution.getJobParameters();
		String root = parameters.getString(TransferParameters.STORAGE_ROOT);
		String clusterId = parameters.getString(TransferParameters.CLUSTER_ID);
		String storageType = parameters.getString(TransferParameters.STORAGE_TYPE);
		if (root == null || clusterId == null || storageType == null) {
			return null;
		}
		try {
			return RecordDirectory.of(Path.of(root), clusterId, recordId, storageType).path();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The tool log written last (a record may hold several, e.g. after a chain of runs). */
	private static Optional<Path> newestLog(@Nullable Path directory) {
		if (directory == null || !Files.isDirectory(directory)) {
			return Optional.empty();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".log") && Files.isRegularFile(file))
				.max(Comparator.comparingLong(TransferDetailQuery::modified));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static long modified(Path file) {
		try {
			return Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static @Nullable Manifest manifest(TransportRecord record, @Nullable Path directory) {
		if (directory == null || !record.transportType().equals("export")
				|| !Files.isRegularFile(directory.resolve(RecordDirectory.DATA).resolve(Manifest.FILE_NAME))) {
			return null;
		}
		try {
			return ManifestWriter.read(directory.resolve(RecordDirectory.DATA));
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
