package dev.ferry.audit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ferry.error.FerryException;
import dev.ferry.support.FerrySchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Audit paging on Ferry's real schema in H2: the last allowed page is empty, a page beyond it a clear 400. */
class AuditQueryPagingTests {

	AuditQuery query;

	@BeforeEach
	void schema() {
		JdbcClient jdbc = JdbcClient.create(FerrySchema.inMemoryH2());
		AuditLog log = new AuditLog(jdbc);
		for (int i = 0; i < 3; i++) {
			log.record("admin", "cluster.delete", "cluster " + i, "");
		}
		this.query = new AuditQuery(jdbc);
	}

	@Test
	void pagesWithinTheBoundsAnswerAndTheLastAllowedOneIsEmpty() {
		assertThat(this.query.find(new AuditFilter(2, 2, null, null)).entries()).hasSize(1);
		AuditPage far = this.query.find(new AuditFilter(AuditFilter.MAX_PAGE, AuditFilter.MAX_PAGE_SIZE, null, null));
		assertThat(far.entries()).isEmpty();
		assertThat(far.total()).isEqualTo(3);
		assertThat(far.page()).isEqualTo(AuditFilter.MAX_PAGE);
	}

	@Test
	void aPageBeyondTheBoundIsRefusedBeforeAnyQuery() {
		assertThatThrownBy(() -> new AuditFilter(Integer.MAX_VALUE, 200, null, null))
			.isInstanceOf(FerryException.class)
			.hasMessage("page must be between 1 and 1000000, was 2147483647");
		assertThatThrownBy(() -> new AuditFilter(0, 200, null, null))
			.hasMessage("page must be between 1 and 1000000, was 0");
	}

}
