package dev.ferry.record;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import dev.ferry.support.FerrySchema;

import static org.assertj.core.api.Assertions.assertThat;

/** The record list's last allowed page on Ferry's real schema in H2 (the embedded default): empty, no SQL error. */
class TransportRecordQueryPagingTests {

	@Test
	void theLastAllowedPageIsEmpty() {
		DataSource dataSource = FerrySchema.inMemoryH2();
		TransportRecordQuery query = new TransportRecordQuery(new NamedParameterJdbcTemplate(dataSource),
				new DefaultExecutionContextSerializer(), new RecordCountCache(new JdbcTemplate(dataSource)));

		RecordPage page = query.find(new RecordFilter(RecordFilter.MAX_PAGE, 1000, null, null, null, null, null, null,
				null));

		assertThat(page.records()).isEmpty();
		assertThat(page.page()).isEqualTo(RecordFilter.MAX_PAGE);
		assertThat(page.total()).isZero();
	}

}
