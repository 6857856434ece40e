package dev.ferry.record;

import java.util.UUID;

import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The record list's last allowed page on Ferry's real schema in H2 (the embedded default): empty, no SQL error. */
class TransportRecordQueryPagingTests {

	@Test
	void theLastAllowedPageIsEmpty() throws Exception {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", true);
		SpringLiquibase liquibase = new SpringLiquibase();
		liquibase.setDataSource(dataSource);
		liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.yaml");
		liquibase.setResourceLoader(new DefaultResourceLoader());
		liquibase.afterPropertiesSet();
		TransportRecordQuery query = new TransportRecordQuery(new NamedParameterJdbcTemplate(dataSource),
				new DefaultExecutionContextSerializer(), new RecordCountCache(new JdbcTemplate(dataSource)));

		RecordPage page = query.find(new RecordFilter(RecordFilter.MAX_PAGE, 1000, null, null, null, null, null, null,
				null));

		assertThat(page.records()).isEmpty();
		assertThat(page.page()).isEqualTo(RecordFilter.MAX_PAGE);
		assertThat(page.total()).isZero();
	}

}
