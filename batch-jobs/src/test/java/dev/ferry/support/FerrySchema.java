package dev.ferry.support;

import java.util.UUID;

import javax.sql.DataSource;

import liquibase.integration.spring.SpringLiquibase;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Ferry's real schema, applied by its Liquibase changelog to a new in-memory H2 database. */
public final class FerrySchema {

	private FerrySchema() {
	}

	/** A new database; a connection per use, as a pool hands them out, so concurrent transactions really are. */
	public static DataSource inMemoryH2() {
		DataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		SpringLiquibase liquibase = new SpringLiquibase();
		liquibase.setDataSource(dataSource);
		liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.yaml");
		liquibase.setResourceLoader(new DefaultResourceLoader());
		try {
			liquibase.afterPropertiesSet();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Ferry's changelog did not apply to H2", ex);
		}
		return dataSource;
	}

}
