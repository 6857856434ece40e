package dev.ferry.transfer;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterKind;
import dev.ferry.cluster.ClusterService;
import dev.ferry.error.FerryException;

/**
 * Restore drills: an export is imported into a drill cluster, into databases of its own ({@code <db>_drill_<drill
 * record id>}), verified against its manifest, and the outcome recorded on the export's record. A drill is an import
 * (transport type {@code drill}) through the {@code importData} job, so it has the seed's import nodes, counts against
 * the transfer capacity and the one-import-per-cluster rule, and can be stopped and restarted like one; its extra
 * parameters link it to the export ({@link TransferParameters#DRILL_OF}) and its schedule.
 */
@Service
public class RestoreDrills {

	private static final Logger log = LoggerFactory.getLogger(RestoreDrills.class);

	/** How long a scheduled drill waits for its export's end to be saved (the export's listeners run before). */
	private static final Duration SETTLE = Duration.ofSeconds(60);

	private final TransferService transfers;

	private final ClusterService clusters;

	private final TransferAdmin records;

	private final RestoreDrillStore store;

	private final ApplicationEventPublisher events;

	private final ExecutorService launcher = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "restore-drill-launch");
		thread.setDaemon(true);
		return thread;
	});

	RestoreDrills(TransferService transfers, ClusterService clusters, TransferAdmin records, RestoreDrillStore store,
			ApplicationEventPublisher events) {
		this.transfers = transfers;
		this.clusters = clusters;
		this.records = records;
		this.store = store;
		this.events = events;
	}

	/**
	 * Checks that a cluster can take drills: it exists and is a MySQL/MariaDB cluster (myloader loads the drill).
	 * @throws FerryException CLUSTER_NOT_FOUND or PARAMETER_INVALID
	 */
	public Cluster checkDrillCluster(String clusterId) {
		Cluster cluster = this.clusters.get(clusterId);
		if (cluster.kind() != ClusterKind.MYSQL) {
			throw FerryException.invalid("drill cluster " + cluster.name() + " is a " + cluster.kind()
					+ " cluster; restore drills load with myloader into a MYSQL (MySQL or MariaDB) cluster");
		}
		return cluster;
	}

	/** The API's "drill now" on an existing export record. */
	public TransferStarted drill(String exportRecordId, DrillRequest request, String requestedBy) {
		if (request.clusterId() == null || request.clusterId().isBlank()) {
			throw FerryException.invalid("clusterId is required: the cluster the drill loads into");
		}
		return drill(exportRecordId, request.clusterId().strip(), !Boolean.FALSE.equals(request.dropAfterwards()),
				null, requestedBy);
	}

	/** Starts a drill of a Finished NFS export now; refused (4xx) when it cannot start. */
	public TransferStarted drill(String exportRecordId, String drillClusterId, boolean dropAfterwards,
			@Nullable Long scheduleId, String requestedBy) {
		Cluster cluster = checkDrillCluster(drillClusterId);
		long exportId = recordId(exportRecordId);
		checkMysqlChain(exportId);
		ImportRequest request = new ImportRequest(cluster.clusterId(), null, null, Long.toString(exportId), null, "nfs",
				null, null, null, null, "restore drill of record " + exportId, false, ToolChain.MYSQL.parameter(),
				null);
		TransferStarted started = this.transfers.importData(request, requestedBy, (parameters) -> {
			parameters.addString(TransferParameters.DRILL_OF, Long.toString(exportId), false)
				.addString(TransferParameters.DRILL_DROP, Boolean.toString(dropAfterwards), false);
			if (scheduleId != null) {
				parameters.addLong(TransferParameters.DRILL_SCHEDULE_ID, scheduleId, false);
			}
		});
		this.store.save(exportId, Long.parseLong(started.recordId()), cluster.clusterId(), scheduleId,
				RestoreDrillStore.State.RUNNING, "drill running as record " + started.recordId(), null, null);
		return started;
	}

	/**
	 * After a schedule's export finished: drills it once its end is saved, in the background. A drill that cannot
	 * start is recorded (NOT_STARTED, why) and published as not restorable.
	 */
	public void afterScheduledExport(long exportRecordId, String drillClusterId, boolean dropAfterwards,
			long scheduleId) {
		this.launcher.execute(() -> {
			try {
				awaitSettled(exportRecordId);
				TransferStarted started = drill(Long.toString(exportRecordId), drillClusterId, dropAfterwards,
						scheduleId, "schedule:" + scheduleId);
				log.info("Schedule {} drills record {} as record {}", scheduleId, exportRecordId, started.recordId());
			}
			catch (FerryException | IllegalStateException ex) {
				notStarted(exportRecordId, drillClusterId, scheduleId, ex.getMessage());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException ex) {
				log.warn("Restore drill of record {} failed to start", exportRecordId, ex);
				notStarted(exportRecordId, drillClusterId, scheduleId, ex.getMessage());
			}
		});
	}

	private void notStarted(long exportRecordId, String drillClusterId, long scheduleId, @Nullable String reason) {
		String summary = "not verified: the drill could not start: " + reason;
		log.warn("Restore drill of record {} (schedule {}): {}", exportRecordId, scheduleId, summary);
		this.store.save(exportRecordId, null, drillClusterId, scheduleId, RestoreDrillStore.State.NOT_STARTED, summary,
				null, null);
		this.events.publishEvent(new RestoreDrillEnded(exportRecordId, null, scheduleId, false, summary));
	}

	private void awaitSettled(long exportRecordId) throws InterruptedException {
		long deadline = System.nanoTime() + SETTLE.toNanos();
		while (this.records.latest(Long.toString(exportRecordId)).getStatus() != BatchStatus.COMPLETED) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("record " + exportRecordId + " did not reach Finished within " + SETTLE);
			}
			Thread.sleep(200);
		}
	}

	/** Drills load mydumper dumps with myloader; a dumpling export (tidb chain) is refused. */
	private void checkMysqlChain(long exportId) {
		var export = this.records.latest(Long.toString(exportId));
		String chain = export.getJobParameters().getString(TransferParameters.TOOL_CHAIN);
		if (TransferParameters.EXPORT_JOB.equals(export.getJobInstance().getJobName())
				&& ToolChain.of(chain) != ToolChain.MYSQL) {
			throw FerryException.invalid("record " + exportId + " was exported by the " + chain
					+ " tool chain; restore drills load mysql-chain (mydumper) exports only");
		}
	}

	private static long recordId(String recordId) {
		try {
			return Long.parseLong(recordId.strip());
		}
		catch (NumberFormatException ex) {
			throw new FerryException(dev.ferry.error.ErrorCode.TIEM_TRANSPORT_RECORD_NOT_FOUND,
					"record " + recordId + " not found");
		}
	}

}
