package dev.ferry.record;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.transfer.TransferParameters;

/**
 * History series for the console's charts and for the ETA of a running scheduled export: the last settled (finished
 * or failed) exports of a schedule, of a cluster, or of all, each read in one query with its size from the job's
 * execution context. Oldest first, as a chart draws them.
 */
@Service
public class ExportHistoryQuery {

	/** The most runs one series holds. */
	public static final int MAX_RUNS = 500;

	private static final String SELECT = """
			SELECT i.JOB_INSTANCE_ID, e.STATUS, e.START_TIME, e.END_TIME, c.SHORT_CONTEXT, c.SERIALIZED_CONTEXT
			FROM BATCH_JOB_INSTANCE i
			JOIN BATCH_JOB_EXECUTION e ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID AND e.JOB_EXECUTION_ID =
			  (SELECT MAX(x.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION x WHERE x.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID)
			LEFT JOIN BATCH_JOB_EXECUTION_CONTEXT c ON c.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
			WHERE i.JOB_NAME = '%s' AND e.STATUS IN (:statuses)
			  AND e.START_TIME IS NOT NULL AND e.END_TIME IS NOT NULL
			""".formatted(TransferParameters.EXPORT_JOB);

	private static final String HAS_PARAMETER = """
			  AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION_PARAMS p WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
			    AND p.PARAMETER_NAME = :name AND p.PARAMETER_VALUE = :value)
			""";

	private static final String NEWEST = " ORDER BY i.JOB_INSTANCE_ID DESC LIMIT :limit";

	private final NamedParameterJdbcTemplate jdbc;

	private final ExecutionContextSerializer serializer;

	ExportHistoryQuery(NamedParameterJdbcTemplate jdbc, ExecutionContextSerializer serializer) {
		this.jdbc = jdbc;
		this.serializer = serializer;
	}

	/** The last {@code limit} settled exports a schedule launched, oldest first. */
	@Transactional(readOnly = true)
	public List<ExportRun> ofSchedule(String scheduleId, int limit) {
		return query(SELECT + HAS_PARAMETER + NEWEST, params(limit).addValue("name", TransferParameters.SCHEDULE_ID)
			.addValue("value", scheduleId.strip()));
	}

	/** The last {@code limit} settled exports of a cluster, scheduled or not, oldest first. */
	@Transactional(readOnly = true)
	public List<ExportRun> ofCluster(String clusterId, int limit) {
		return query(SELECT + HAS_PARAMETER + NEWEST, params(limit).addValue("name", TransferParameters.CLUSTER_ID)
			.addValue("value", clusterId.strip()));
	}

	/** The settled exports that ended at or after {@code since} (at most {@link #MAX_RUNS}, the newest), oldest first. */
	@Transactional(readOnly = true)
	public List<ExportRun> endedSince(Instant since) {
		return query(SELECT + " AND e.END_TIME >= :since" + NEWEST,
				params(MAX_RUNS).addValue("since", Timestamp.from(since)));
	}

	private static MapSqlParameterSource params(int limit) {
		List<String> statuses = new ArrayList<>(RecordStatus.Finished.batchStatuses());
		statuses.addAll(RecordStatus.Failed.batchStatuses());
		return new MapSqlParameterSource("statuses", statuses).addValue("limit",
				Math.max(1, Math.min(limit, MAX_RUNS)));
	}

	private List<ExportRun> query(String sql, MapSqlParameterSource params) {
		try {
			List<ExportRun> runs = new ArrayList<>(this.jdbc.query(sql, params, this::run));
			Collections.reverse(runs);
			return runs;
		}
		catch (DataAccessException ex) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_RECORD_QUERY_FAILED,
					"the export history could not be read (the database error is in the server log)", ex);
		}
	}

	private ExportRun run(ResultSet rs, int n) throws SQLException {
		boolean failed = RecordStatus.ofBatchStatus(rs.getString("STATUS")) != RecordStatus.Finished;
		Map<String, Object> result = ContextReader.read(this.serializer, rs);
		return new ExportRun(rs.getLong("JOB_INSTANCE_ID"), failed, time(rs.getTimestamp("START_TIME")),
				time(rs.getTimestamp("END_TIME")), failed ? null : Progress.number(result, "result.bytes"));
	}

	private static java.time.OffsetDateTime time(Timestamp timestamp) {
		return timestamp.toInstant().atZone(ZoneId.systemDefault()).toOffsetDateTime();
	}

}
