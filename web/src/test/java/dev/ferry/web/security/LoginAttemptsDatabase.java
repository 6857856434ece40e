package dev.ferry.web.security;

import java.util.UUID;

import javax.sql.DataSource;

import liquibase.integration.spring.SpringLiquibase;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Ferry's real schema (Liquibase) in an in-memory H2, for the throttle's tests; each instance is a new database. */
final class LoginAttemptsDatabase {

	private final DataSource dataSource;

	LoginAttemptsDatabase() {
		// a connection per use, as a pool hands them out: concurrent transactions are really concurrent
		this.dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa",
				"");
		SpringLiquibase liquibase = new SpringLiquibase();
		liquibase.setDataSource(this.dataSource);
		liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.yaml");
		liquibase.setResourceLoader(new DefaultResourceLoader());
		try {
			liquibase.afterPropertiesSet();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
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
