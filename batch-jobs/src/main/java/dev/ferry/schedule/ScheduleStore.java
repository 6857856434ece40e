package dev.ferry.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** {@code FERRY_SCHEDULE}: plain rows; callers hold the transaction. */
@Repository
class ScheduleStore {

	private static final String COLUMNS = "ID, NAME, CLUSTER_ID, CRON_EXPRESSION, TIME_ZONE, ENABLED, KEEP_LAST,"
			+ " MAX_AGE_SECONDS, USER_NAME, PASSWORD_SECRET_ID, FILE_TYPE, TABLE_FILTER, SQL_TEXT, STORAGE_TYPE, ZIP_NAME,"
			+ " ENDPOINT_URL, BUCKET_URL, S3_SECRET_ID, COMMENT_TEXT, TOOL_CHAIN, CREATED_BY, CREATED_AT, UPDATED_AT";

	private final JdbcClient jdbc;

	ScheduleStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<StoredSchedule> list() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM FERRY_SCHEDULE ORDER BY ID").query(this::row).list();
	}

	Optional<StoredSchedule> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM FERRY_SCHEDULE WHERE ID = ?").param(id).query(this::row)
			.optional();
	}

	boolean nameTaken(String name, @Nullable Long except) {
		return this.jdbc.sql("SELECT COUNT(*) FROM FERRY_SCHEDULE WHERE NAME = ? AND ID <> ?")
			.params(name, except == null ? -1L : except)
			.query(Long.class)
			.single() > 0;
	}

	long insert(StoredSchedule s) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO FERRY_SCHEDULE (NAME, CLUSTER_ID, CRON_EXPRESSION, TIME_ZONE, ENABLED, KEEP_LAST,"
				+ " MAX_AGE_SECONDS, USER_NAME, PASSWORD_SECRET_ID, FILE_TYPE, TABLE_FILTER, SQL_TEXT, STORAGE_TYPE,"
				+ " ZIP_NAME, ENDPOINT_URL, BUCKET_URL, S3_SECRET_ID, COMMENT_TEXT, TOOL_CHAIN, CREATED_BY, CREATED_AT,"
				+ " UPDATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(s.name(), s.clusterId(), s.cron(), s.timeZone(), s.enabled(), s.keepLast(), s.maxAgeSeconds(),
					s.userName(), s.passwordSecretId(), s.fileType(), s.filter(), s.sql(), s.storageType(), s.zipName(),
					s.endpointUrl(), s.bucketUrl(), s.s3SecretId(), s.comment(), s.toolChain(), s.createdBy(),
					s.createdAt(), s.updatedAt())
			.update(keys, "ID");
		return keys.getKeyAs(Number.class).longValue();
	}

	void update(StoredSchedule s) {
		this.jdbc.sql("UPDATE FERRY_SCHEDULE SET NAME = ?, CLUSTER_ID = ?, CRON_EXPRESSION = ?, TIME_ZONE = ?,"
				+ " ENABLED = ?, KEEP_LAST = ?, MAX_AGE_SECONDS = ?, USER_NAME = ?, PASSWORD_SECRET_ID = ?, FILE_TYPE = ?,"
				+ " TABLE_FILTER = ?, SQL_TEXT = ?, STORAGE_TYPE = ?, ZIP_NAME = ?, ENDPOINT_URL = ?, BUCKET_URL = ?,"
				+ " S3_SECRET_ID = ?, COMMENT_TEXT = ?, TOOL_CHAIN = ?, UPDATED_AT = ? WHERE ID = ?")
			.params(s.name(), s.clusterId(), s.cron(), s.timeZone(), s.enabled(), s.keepLast(), s.maxAgeSeconds(),
					s.userName(), s.passwordSecretId(), s.fileType(), s.filter(), s.sql(), s.storageType(), s.zipName(),
					s.endpointUrl(), s.bucketUrl(), s.s3SecretId(), s.comment(), s.toolChain(), s.updatedAt(), s.id())
			.update();
	}

	void setEnabled(long id, boolean enabled) {
		this.jdbc.sql("UPDATE FERRY_SCHEDULE SET ENABLED = ?, UPDATED_AT = ? WHERE ID = ?")
			.params(enabled, LocalDateTime.now(), id)
			.update();
	}

	void delete(long id) {
		this.jdbc.sql("DELETE FROM FERRY_SCHEDULE_RUN WHERE SCHEDULE_ID = ?").param(id).update();
		this.jdbc.sql("DELETE FROM FERRY_SCHEDULE WHERE ID = ?").param(id).update();
	}

	private StoredSchedule row(ResultSet rs, int n) throws SQLException {
		return new StoredSchedule(rs.getLong("ID"), rs.getString("NAME"), rs.getLong("CLUSTER_ID"),
				rs.getString("CRON_EXPRESSION"), rs.getString("TIME_ZONE"), rs.getBoolean("ENABLED"),
				rs.getObject("KEEP_LAST") == null ? null : rs.getInt("KEEP_LAST"),
				rs.getObject("MAX_AGE_SECONDS") == null ? null : rs.getLong("MAX_AGE_SECONDS"), rs.getString("USER_NAME"),
				rs.getObject("PASSWORD_SECRET_ID") == null ? null : rs.getLong("PASSWORD_SECRET_ID"),
				rs.getString("FILE_TYPE"), rs.getString("TABLE_FILTER"), rs.getString("SQL_TEXT"),
				rs.getString("STORAGE_TYPE"), rs.getString("ZIP_NAME"), rs.getString("ENDPOINT_URL"),
				rs.getString("BUCKET_URL"), rs.getObject("S3_SECRET_ID") == null ? null : rs.getLong("S3_SECRET_ID"),
				rs.getString("COMMENT_TEXT"), rs.getString("TOOL_CHAIN"), rs.getString("CREATED_BY"),
				rs.getTimestamp("CREATED_AT").toLocalDateTime(), rs.getTimestamp("UPDATED_AT").toLocalDateTime());
	}

}
