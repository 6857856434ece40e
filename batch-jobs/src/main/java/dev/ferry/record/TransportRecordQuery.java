package dev.ferry.record;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ferry.engine.export.NativeConsistency;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.storage.RecordDirectory;
import dev.ferry.transfer.TransferParameters;

/**
 * The one read-only query over the {@code BATCH_*} tables that turns JobInstances into transfer records: a filtered
 * page of instances with their latest execution, then the parameters and failure messages of just that page.
 */
@Service
public class TransportRecordQuery {

	private static final String FROM = " FROM BATCH_JOB_INSTANCE i JOIN BATCH_JOB_EXECUTION e"
			+ " ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID AND e.JOB_EXECUTION_ID = (SELECT MAX(x.JOB_EXECUTION_ID)"
			+ " FROM BATCH_JOB_EXECUTION x WHERE x.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID)"
			+ " WHERE i.JOB_NAME IN ('" + TransferParameters.EXPORT_JOB + "', '" + TransferParameters.IMPORT_JOB + "')";

	private final NamedParameterJdbcTemplate jdbc;

	private final ExecutionContextSerializer serializer;

	private final RecordCountCache counts;

	private final ExportHistoryQuery history;

	TransportRecordQuery(NamedParameterJdbcTemplate jdbc, ExecutionContextSerializer serializer,
			RecordCountCache counts) {
		this.jdbc = jdbc;
		this.serializer = serializer;
		this.counts = counts;
		this.history = new ExportHistoryQuery(jdbc, serializer); // stateless: a copy, not another constructor argument
	}

	@Transactional(readOnly = true)
	public RecordPage find(RecordFilter filter) {
		try {
			return query(filter);
		}
		catch (DataAccessException ex) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_RECORD_QUERY_FAILED,
					"the transfer records could not be read (the database error is in the server log)", ex);
		}
	}

	/**
	 * One record by its id as a caller gave it (a path segment, a request field).
	 * @throws FerryException TIEM_TRANSPORT_RECORD_NOT_FOUND if the id is not a number or names no transfer record
	 */
	@Transactional(readOnly = true)
	public TransportRecord get(String recordId) {
		FerryException notFound = new FerryException(ErrorCode.TIEM_TRANSPORT_RECORD_NOT_FOUND,
				"record " + recordId + " not found");
		long id;
		try {
			id = Long.parseLong(recordId.strip());
		}
		catch (NumberFormatException ex) {
			throw notFound;
		}
		return find(new RecordFilter(1, 1, id, null, null, null, null, null, null)).records()
			.stream()
			.findFirst()
			.orElseThrow(() -> notFound);
	}

	/** Every record a schedule launched (by its {@code scheduleId} parameter), newest first. */
	@Transactional(readOnly = true)
	public List<TransportRecord> ofSchedule(long scheduleId) {
		MapSqlParameterSource params = new MapSqlParameterSource("scheduleId", Long.toString(scheduleId));
		List<Row> rows = this.jdbc.query("SELECT i.JOB_INSTANCE_ID, i.JOB_NAME, e.JOB_EXECUTION_ID, e.STATUS,"
				+ " e.START_TIME, e.END_TIME, e.LAST_UPDATED, e.CREATE_TIME AS CREATED" + FROM
				+ parameterIs(TransferParameters.SCHEDULE_ID, "scheduleId") + " ORDER BY i.JOB_INSTANCE_ID DESC", params,
				this::row);
		return toRecords(rows);
	}

	private RecordPage query(RecordFilter filter) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		String where = where(filter, params);
		long total = total(filter, where, params);
		params.addValue("limit", filter.pageSize()).addValue("offset", filter.offset());
		List<Row> rows = this.jdbc.query("SELECT i.JOB_INSTANCE_ID, i.JOB_NAME, e.JOB_EXECUTION_ID, e.STATUS,"
				+ " e.START_TIME, e.END_TIME, e.LAST_UPDATED, (SELECT MIN(f.CREATE_TIME) FROM BATCH_JOB_EXECUTION f"
				+ " WHERE f.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID) AS CREATED" + FROM + where
				+ " ORDER BY i.JOB_INSTANCE_ID DESC LIMIT :limit OFFSET :offset", params, this::row);
		return new RecordPage(toRecords(rows), filter.page(), filter.pageSize(), total);
	}

	private static String where(RecordFilter filter, MapSqlParameterSource params) {
		StringBuilder where = new StringBuilder();
		if (filter.recordId() != null) {
			where.append(" AND i.JOB_INSTANCE_ID = :recordId");
			params.addValue("recordId", filter.recordId());
		}
		if (filter.clusterId() != null) {
			where.append(parameterIs(TransferParameters.CLUSTER_ID, "clusterId"));
			params.addValue("clusterId", filter.clusterId());
		}
		if (filter.transportType() != null) {
			where.append(" AND i.JOB_NAME = :jobName");
			params.addValue("jobName", filter.transportType().equals("import") ? TransferParameters.IMPORT_JOB
					: TransferParameters.EXPORT_JOB);
		}
		if (Boolean.TRUE.equals(filter.reImport())) {
			where.append(" AND i.JOB_NAME = '" + TransferParameters.EXPORT_JOB + "' AND e.STATUS = 'COMPLETED'");
			where.append(parameterIs(TransferParameters.STORAGE_TYPE, "nfsType"));
			params.addValue("nfsType", "nfs");
		}
		if (filter.commentContains() != null && !filter.commentContains().isBlank()) {
			where.append(" AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS c WHERE c.JOB_EXECUTION_ID ="
					+ " e.JOB_EXECUTION_ID AND c.PARAMETER_NAME = '" + TransferParameters.COMMENT + "'"
					+ " AND LOWER(c.PARAMETER_VALUE) LIKE :comment ESCAPE '!')");
			params.addValue("comment", "%" + likeEscaped(filter.commentContains().strip().toLowerCase()) + "%");
		}
		if (filter.status() != null) {
			where.append(" AND e.STATUS IN (:statuses)");
			params.addValue("statuses", filter.status().batchStatuses());
		}
		if (filter.startTime() != null) {
			where.append(" AND COALESCE(e.START_TIME, e.CREATE_TIME) >= :startTime");
			params.addValue("startTime", Timestamp.from(Instant.ofEpochSecond(filter.startTime())));
		}
		if (filter.endTime() != null) {
			where.append(" AND e.END_TIME <= :endTime");
			params.addValue("endTime", Timestamp.from(Instant.ofEpochSecond(filter.endTime())));
		}
		return where.toString();
	}

	/** '!' escapes LIKE's wildcards: a backslash would need different quoting on MariaDB and H2. */
	private static String likeEscaped(String text) {
		return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
	}

	/**
	 * How many records match the filter (its status ignored) in each status: the console's status tabs. Counted once
	 * and then kept while no record changes state ({@link RecordCountCache}).
	 */
	@Transactional(readOnly = true)
	public Map<RecordStatus, Long> countByStatus(RecordFilter filter) {
		try {
			return this.counts.counts(filter, () -> count(filter));
		}
		catch (DataAccessException ex) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_RECORD_QUERY_FAILED,
					"the transfer records could not be counted (the database error is in the server log)", ex);
		}
	}

	/** One record is counted directly; a list's total comes from the (cached) per-status counts. */
	private long total(RecordFilter filter, String where, MapSqlParameterSource params) {
		if (filter.recordId() != null) {
			Long total = this.jdbc.queryForObject("SELECT COUNT(*)" + FROM + where, params, Long.class);
			return total == null ? 0 : total;
		}
		Map<RecordStatus, Long> byStatus = this.counts.counts(filter, () -> count(filter));
		return filter.status() != null ? byStatus.getOrDefault(filter.status(), 0L)
				: byStatus.values().stream().mapToLong(Long::longValue).sum();
	}

	private Map<RecordStatus, Long> count(RecordFilter filter) {
		MapSqlParameterSource params = new MapSqlParameterSource();
		String where = where(filter.anyStatus(), params);
		Map<RecordStatus, Long> counts = new java.util.EnumMap<>(RecordStatus.class);
		for (RecordStatus status : RecordStatus.values()) {
			counts.put(status, 0L);
		}
		this.jdbc.query("SELECT e.STATUS, COUNT(*)" + FROM + where + " GROUP BY e.STATUS", params, (ResultSet rs) -> {
			counts.merge(RecordStatus.ofBatchStatus(rs.getString(1)), rs.getLong(2), Long::sum);
		});
		return counts;
	}

	private static String parameterIs(String name, String placeholder) {
		return " AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
				+ " AND p.PARAMETER_NAME = '" + name + "' AND p.PARAMETER_VALUE = :" + placeholder + ")";
	}

	private List<TransportRecord> toRecords(List<Row> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		List<Long> executionIds = rows.stream().map(Row::executionId).toList();
		Map<Long, Map<String, String>> parameters = new HashMap<>();
		this.jdbc.query("SELECT JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS"
				+ " WHERE JOB_EXECUTION_ID IN (:ids)", Map.of("ids", executionIds), (ResultSet rs) -> {
					parameters.computeIfAbsent(rs.getLong(1), (id) -> new HashMap<>())
						.put(rs.getString(2), rs.getString(3));
				});
		Map<Long, String> failures = new HashMap<>();
		this.jdbc.query("SELECT JOB_EXECUTION_ID, STEP_NAME, EXIT_MESSAGE FROM BATCH_STEP_EXECUTION"
				+ " WHERE JOB_EXECUTION_ID IN (:ids) AND STATUS = 'FAILED' ORDER BY STEP_EXECUTION_ID",
				Map.of("ids", executionIds), (ResultSet rs) -> {
					failures.put(rs.getLong(1), rs.getString(2) + ": " + rs.getString(3));
				});
		Map<Long, Map<String, Object>> results = new HashMap<>();
		this.jdbc.query("SELECT JOB_EXECUTION_ID, SHORT_CONTEXT, SERIALIZED_CONTEXT FROM BATCH_JOB_EXECUTION_CONTEXT"
				+ " WHERE JOB_EXECUTION_ID IN (:ids)", Map.of("ids", executionIds),
				(ResultSet rs) -> {
					results.put(rs.getLong("JOB_EXECUTION_ID"), ContextReader.read(this.serializer, rs));
				});
		Map<Long, Progress> progress = runningProgress(rows, parameters);
		Map<Long, RestoreDrill> drills = drills(rows);
		List<TransportRecord> records = new ArrayList<>(rows.size());
		for (Row row : rows) {
			Map<String, Object> result = results.getOrDefault(row.executionId(), Map.of());
			records.add(toRecord(row, parameters.getOrDefault(row.executionId(), Map.of()),
					result.get("result.error") instanceof String error ? error : failures.get(row.executionId()),
					progress.containsKey(row.executionId()) ? progress.get(row.executionId())
							: settledProgress(row, result),
					result.get("result.verification") instanceof String verdict ? verdict : null,
					drills.get(row.instanceId()), NativeConsistency.of(result)));
		}
		return records;
	}

	/** The latest restore drill of each export of the page ({@code FERRY_RESTORE_DRILL}). */
	private Map<Long, RestoreDrill> drills(List<Row> rows) {
		List<Long> exports = rows.stream()
			.filter((row) -> row.jobName().equals(TransferParameters.EXPORT_JOB))
			.map(Row::instanceId)
			.toList();
		Map<Long, RestoreDrill> drills = new HashMap<>();
		if (exports.isEmpty()) {
			return drills;
		}
		this.jdbc.query("""
				SELECT EXPORT_RECORD_ID, DRILL_RECORD_ID, DRILL_CLUSTER_ID, STATE, SUMMARY, TABLE_COUNT, ROW_COUNT,
				UPDATED_AT FROM FERRY_RESTORE_DRILL WHERE EXPORT_RECORD_ID IN (:ids)""", Map.of("ids", exports),
				(ResultSet rs) -> {
					long drill = rs.getLong("DRILL_RECORD_ID");
					String drillRecordId = rs.wasNull() ? null : Long.toString(drill);
					int tables = rs.getInt("TABLE_COUNT");
					Integer tableCount = rs.wasNull() ? null : tables;
					long rowCount = rs.getLong("ROW_COUNT");
					Long rowsVerified = rs.wasNull() ? null : rowCount;
					drills.put(rs.getLong("EXPORT_RECORD_ID"), new RestoreDrill(rs.getString("STATE"),
							rs.getString("SUMMARY"), drillRecordId, rs.getString("DRILL_CLUSTER_ID"), tableCount,
							rowsVerified, time(rs.getTimestamp("UPDATED_AT"))));
				});
		return drills;
	}

	/**
	 * Progress of running records: the context of their latest step execution, as committed by the last poll; when
	 * that step reports nothing itself (it records the result), the last progress an earlier step of the same
	 * execution reported, so that progress never goes blank between steps. Only workflow nodes count: the partitions
	 * of a native export (named {@code node:partition}) report to their manager. A scheduled export whose tool reports
	 * no total is estimated from the schedule's earlier runs.
	 */
	private Map<Long, Progress> runningProgress(List<Row> rows, Map<Long, Map<String, String>> parameters) {
		List<Long> running = rows.stream()
			.filter((row) -> RecordStatus.ofBatchStatus(row.status()) == RecordStatus.Processing)
			.map(Row::executionId)
			.toList();
		Map<Long, Progress> progress = new HashMap<>();
		Map<Long, @Nullable Long> startedAt = new HashMap<>();
		if (running.isEmpty()) {
			return progress;
		}
		Map<Long, Progress> reported = new HashMap<>(); // by execution: the last progress a step reported
		this.jdbc.query("SELECT s.JOB_EXECUTION_ID, s.STEP_NAME, c.SHORT_CONTEXT, c.SERIALIZED_CONTEXT"
				+ " FROM BATCH_STEP_EXECUTION s JOIN BATCH_STEP_EXECUTION_CONTEXT c"
				+ " ON c.STEP_EXECUTION_ID = s.STEP_EXECUTION_ID WHERE s.JOB_EXECUTION_ID IN (:ids)"
				+ " AND s.STEP_NAME NOT LIKE '%:%' ORDER BY s.STEP_EXECUTION_ID", Map.of("ids", running),
				(ResultSet rs) -> {
					Map<String, Object> context = ContextReader.read(this.serializer, rs);
					long executionId = rs.getLong("JOB_EXECUTION_ID");
					String step = rs.getString("STEP_NAME");
					Progress earlier = reported.get(executionId);
					if (Progress.reports(context) || earlier == null) {
						Progress now = Progress.running(step, context);
						progress.put(executionId, now);
						if (Progress.reports(context)) {
							reported.put(executionId, now);
							startedAt.put(executionId, Progress.startedAt(context));
						}
					}
					else {
						progress.put(executionId, earlier.carriedInto(step));
					}
				});
		for (Row row : rows) {
			Progress current = progress.get(row.executionId());
			if (current != null) {
				progress.put(row.executionId(), fromHistory(row, current,
						parameters.getOrDefault(row.executionId(), Map.of()), startedAt.get(row.executionId())));
			}
		}
		return progress;
	}

	/**
	 * A running scheduled export whose tool gave no estimate, estimated from its schedule's last finished runs
	 * ({@link HistoryEta}); any other progress as it is.
	 */
	private Progress fromHistory(Row row, Progress current, Map<String, String> parameters,
			@Nullable Long toolStartedAt) {
		String scheduleId = parameters.get(TransferParameters.SCHEDULE_ID);
		if (scheduleId == null || !row.jobName().equals(TransferParameters.EXPORT_JOB)
				|| current.etaSeconds() != null || current.percent() != null) {
			return current;
		}
		long now = System.currentTimeMillis();
		long from = toolStartedAt != null ? toolStartedAt
				: row.startTime() != null ? row.startTime().getTime() : now;
		boolean local = !"s3".equals(parameters.get(TransferParameters.STORAGE_TYPE)); // S3 staging shrinks
		return ExpectedRun.of(this.history.ofSchedule(scheduleId, ExpectedRun.SAMPLES * 2))
			.map((expected) -> current.withHistory(expected, now - from, local))
			.orElse(current);
	}

	private static @Nullable Progress settledProgress(Row row, Map<String, Object> result) {
		RecordStatus status = RecordStatus.ofBatchStatus(row.status());
		return switch (status) {
			case Queued -> Progress.queued();
			case Finished -> Progress.finished("finished", result);
			default -> null;
		};
	}

	private static TransportRecord toRecord(Row row, Map<String, String> p, @Nullable String failure,
			@Nullable Progress progress, @Nullable String verification, @Nullable RestoreDrill drill,
			@Nullable NativeConsistency consistency) {
		String clusterId = p.getOrDefault(TransferParameters.CLUSTER_ID, "");
		String storageType = p.getOrDefault(TransferParameters.STORAGE_TYPE, "");
		String root = p.get(TransferParameters.STORAGE_ROOT);
		String filePath;
		if ("s3".equals(storageType)) { // where the objects are (no keys): exports below a record prefix of their own
			String bucketUrl = p.getOrDefault(TransferParameters.BUCKET_URL, "");
			filePath = row.jobName().equals(TransferParameters.EXPORT_JOB)
					? bucketUrl + "/ferry-export-" + row.instanceId() : bucketUrl;
		}
		else {
			filePath = (root == null || clusterId.isEmpty()) ? ""
					: RecordDirectory.of(Path.of(root), clusterId, row.instanceId(), storageType).data().toString();
		}
		RecordStatus status = RecordStatus.ofBatchStatus(row.status());
		return new TransportRecord(Long.toString(row.instanceId()), Long.toString(row.executionId()), clusterId,
				p.getOrDefault(TransferParameters.TRANSPORT_TYPE, row.jobName().equals(TransferParameters.IMPORT_JOB)
						? "import" : "export"),
				filePath, p.getOrDefault(TransferParameters.ZIP_NAME, ""), storageType,
				p.getOrDefault(TransferParameters.COMMENT, ""), status.name(), time(row.startTime()),
				time(row.endTime()), time(row.created()), time(row.lastUpdated() != null ? row.lastUpdated()
						: row.created()),
				status == RecordStatus.Failed ? failure : null, progress, verification, drill,
				p.getOrDefault(TransferParameters.TOOL_CHAIN, "mysql"), p.get(TransferParameters.COMPRESSION),
				consistency != null ? consistency.consistent() : null, consistency != null ? consistency.reason() : null);
	}

	private Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("JOB_INSTANCE_ID"), rs.getString("JOB_NAME"), rs.getLong("JOB_EXECUTION_ID"),
				rs.getString("STATUS"), rs.getTimestamp("START_TIME"), rs.getTimestamp("END_TIME"),
				rs.getTimestamp("LAST_UPDATED"), rs.getTimestamp("CREATED"));
	}

	private static @Nullable OffsetDateTime time(@Nullable Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant().atZone(ZoneId.systemDefault()).toOffsetDateTime();
	}

	private record Row(long instanceId, String jobName, long executionId, String status, @Nullable Timestamp startTime,
			@Nullable Timestamp endTime, @Nullable Timestamp lastUpdated, Timestamp created) {
	}

}
