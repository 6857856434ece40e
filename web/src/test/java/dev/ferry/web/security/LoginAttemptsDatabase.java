package dev.ferry.web.security;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import dev.ferry.support.FerrySchema;

/** Ferry's real schema (Liquibase) in an in-memory H2, for the throttle's tests; each instance is a new database. */
final class LoginAttemptsDatabase {

	private final DataSource dataSource;

	LoginAttemptsDatabase() {
		this.dataSource = FerrySchema.inMemoryH2();
	}

	/** The store as one node sees it; several calls give several nodes on the same database. */
	LoginAttempts node() {
		return new LoginAttempts(JdbcClient.create(this.dataSource), new DataSourceTransactionManager(this.dataSource));
	}

	long rows() {
		return JdbcClient.create(this.dataSource).sql("SELECT COUNT(*) FROM FERRY_LOGIN_THROTTLE").query(Long.class).single();
	}

	void clear() {
		JdbcClient.create(this.dataSource).sql("DELETE FROM FERRY_LOGIN_THROTTLE").update();
	}

}
