package dev.ferry.cluster;

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

/** {@code FERRY_CLUSTER} rows. */
@Repository
class ClusterRepository {

	private static final String COLUMNS = "ID, NAME, KIND, HOST, PORT, STATUS_PORT, PD_ADDRESS, DB_USER, PASSWORD_SECRET_ID";

	private final JdbcClient jdbc;

	ClusterRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Cluster> findAll() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM FERRY_CLUSTER ORDER BY NAME").query(this::map).list();
	}

	Optional<Cluster> findById(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM FERRY_CLUSTER WHERE ID = ?").param(id).query(this::map).optional();
	}

	boolean nameTaken(String name, @Nullable Long exceptId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM FERRY_CLUSTER WHERE NAME = ? AND ID <> ?")
			.params(name, exceptId == null ? -1L : exceptId)
			.query(Integer.class)
			.single() > 0;
	}

	long insert(Cluster cluster) {
		LocalDateTime now = LocalDateTime.now();
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO FERRY_CLUSTER (NAME, KIND, HOST, PORT, STATUS_PORT, PD_ADDRESS, DB_USER,"
				+ " PASSWORD_SECRET_ID, CREATED_AT, UPDATED_AT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(cluster.name(), cluster.kind().name(), cluster.host(), cluster.port(), cluster.statusPort(),
					cluster.pdAddress(), cluster.user(), cluster.passwordSecretId(), now, now)
			.update(keys, "ID");
		return keys.getKeyAs(Number.class).longValue();
	}

	void update(Cluster cluster) {
		this.jdbc.sql("UPDATE FERRY_CLUSTER SET NAME = ?, KIND = ?, HOST = ?, PORT = ?, STATUS_PORT = ?, PD_ADDRESS = ?,"
				+ " DB_USER = ?, PASSWORD_SECRET_ID = ?, UPDATED_AT = ? WHERE ID = ?")
			.params(cluster.name(), cluster.kind().name(), cluster.host(), cluster.port(), cluster.statusPort(),
					cluster.pdAddress(), cluster.user(), cluster.passwordSecretId(), LocalDateTime.now(), cluster.id())
			.update();
	}

	void delete(long id) {
		this.jdbc.sql("DELETE FROM FERRY_CLUSTER WHERE ID = ?").param(id).update();
	}

	private Cluster map(ResultSet rs, int row) throws SQLException {
		return new Cluster(rs.getLong("ID"), rs.getString("NAME"), ClusterKind.valueOf(rs.getString("KIND")),
				rs.getString("HOST"), rs.getInt("PORT"), rs.getObject("STATUS_PORT", Integer.class),
				rs.getString("PD_ADDRESS"), rs.getString("DB_USER"), rs.getObject("PASSWORD_SECRET_ID", Long.class));
	}

}
