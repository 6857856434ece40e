package dev.ferry.transfer;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterConnector;
import dev.ferry.cluster.SqlNames;
import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.ManifestWriter;

/**
 * The end of a restore drill (an import job with {@link TransferParameters#DRILL_OF}): drops the databases it created
 * if so configured, records the outcome on the export's record ({@code FERRY_RESTORE_DRILL}) and publishes
 * {@link RestoreDrillEnded}. The export's own status is never touched. Other imports pass through.
 */
@Component
class RestoreDrillOutcome implements JobExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(RestoreDrillOutcome.class);

	private static final DateTimeFormatter VERIFIED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final TransferContext context;

	private final RestoreDrillStore store;

	private final ApplicationEventPublisher events;

	RestoreDrillOutcome(TransferContext context, RestoreDrillStore store, ApplicationEventPublisher events) {
		this.context = context;
		this.store = store;
		this.events = events;
	}

	@Override
	public void afterJob(JobExecution execution) {
		JobParameters parameters = execution.getJobParameters();
		String drillOf = parameters.getString(TransferParameters.DRILL_OF);
		if (drillOf == null) {
			return;
		}
		long exportRecordId = Long.parseLong(drillOf);
		long drillRecordId = execution.getJobInstance().getInstanceId();
		Long scheduleId = parameters.getLong(TransferParameters.DRILL_SCHEDULE_ID);
		String password = revealQuietly(parameters);
		boolean restorable = execution.getStatus() == BatchStatus.COMPLETED;
		String summary;
		Integer tables = null;
		Long rows = null;
		try {
			if (restorable) {
				Manifest manifest = ManifestWriter.read(
						Path.of(execution.getExecutionContext().getString(ImportDirectories.DATA_DIR)));
				tables = manifest.tables().size();
				rows = manifest.totalRows();
				summary = "restorable, verified " + LocalDateTime.now().format(VERIFIED_AT) + ", " + tables + " tables, "
						+ rows + " rows";
			}
			else {
				String error = execution.getExecutionContext().getString(TransferFailedTasklet.ERROR, "");
				summary = "not restorable: " + (error.isEmpty() ? "the drill ended " + execution.getStatus() : error);
			}
			if (Boolean.parseBoolean(parameters.getString(TransferParameters.DRILL_DROP))) {
				String dropFailure = drop(execution, parameters, password);
				if (dropFailure != null) {
					summary += " (its databases were not all dropped: " + dropFailure + ")";
				}
			}
			summary = redacted(summary, password);
			this.store.save(exportRecordId, drillRecordId, parameters.getString(TransferParameters.CLUSTER_ID),
					scheduleId, restorable ? RestoreDrillStore.State.RESTORABLE : RestoreDrillStore.State.NOT_RESTORABLE,
					summary, tables, rows);
			log.info("Restore drill {} of record {} ended: {}", drillRecordId, exportRecordId, summary);
			this.events.publishEvent(new RestoreDrillEnded(exportRecordId, drillRecordId, scheduleId, restorable,
					summary));
		}
		catch (RuntimeException ex) {
			log.warn("The outcome of restore drill {} of record {} could not be recorded: {}", drillRecordId,
					exportRecordId, ex.getMessage(), ex);
		}
	}

	/** Drops the databases this drill created (never any that existed before it: it refused those). */
	private @Nullable String drop(JobExecution execution, JobParameters parameters, String password) {
		List<String> databases = DrillDump.split(execution.getExecutionContext().getString(DrillDump.DATABASES, ""));
		if (databases.isEmpty()) {
			return null;
		}
		Cluster cluster = this.context.cluster(parameters);
		try (Connection target = ClusterConnector.open(cluster, parameters.getString(TransferParameters.USER_NAME),
				password); Statement statement = target.createStatement()) {
			for (String database : databases) {
				statement.execute("DROP DATABASE IF EXISTS " + SqlNames.quote(database));
			}
			return null;
		}
		catch (Exception ex) {
			log.warn("Restore drill {} could not drop its databases {}: {}", execution.getJobInstance().getInstanceId(),
					databases, ex.getMessage());
			return ex.getMessage();
		}
	}

	private String revealQuietly(JobParameters parameters) {
		try {
			return this.context.password(parameters);
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

	/** A drill's outcome never carries its password, whatever a driver or tool put in a message. */
	static String redacted(String text, String password) {
		return (password == null || password.length() < 3) ? text : text.replace(password, "****");
	}

}
