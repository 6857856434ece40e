package dev.ferry.record;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.ferry.support.ConsoleSession;
import dev.ferry.support.FunctionalTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every paged list, API and console, on MariaDB: a page beyond 1..1000000 is a clear 400 (never a 500 quoting SQL),
 * the last allowed page is an empty list.
 */
class PagingBoundsFunctionalTests extends FunctionalTest {

	@Test
	void theRecordListRefusesPagesBeyondTheBoundAndAnswersTheLastAllowedOneEmpty() {
		var huge = this.api.get("/api/v1/clusters/transport?page=2147483647&pageSize=1000");
		assertThat(huge.status()).isEqualTo(400);
		assertThat(huge.code()).isEqualTo(10001);
		assertThat(huge.message()).isEqualTo("page must be between 1 and 1000000, was 2147483647");
		assertThat(this.api.get("/api/v1/clusters/transport?page=0").message())
			.isEqualTo("page must be between 1 and 1000000, was 0");
		assertThat(this.api.get("/api/v1/clusters/transport?page=99999999999").status()).isEqualTo(400);

		var last = this.api.get("/api/v1/clusters/transport?page=1000000&pageSize=1000");
		assertThat(last.status()).as(last.body().toString()).isEqualTo(200);
		assertThat(last.data().path("transportRecords").size()).isZero();
		assertThat(last.body().path("page").path("page").asInt()).isEqualTo(1_000_000);
	}

	@Test
	void theAuditTrailRefusesPagesBeyondTheBoundAndAnswersTheLastAllowedOneEmpty() {
		var huge = this.api.get("/api/v1/audit?page=2147483647&pageSize=200");
		assertThat(huge.status()).isEqualTo(400);
		assertThat(huge.message()).isEqualTo("page must be between 1 and 1000000, was 2147483647");

		var last = this.api.get("/api/v1/audit?page=1000000&pageSize=200");
		assertThat(last.status()).as(last.body().toString()).isEqualTo(200);
		assertThat(last.data().path("entries").size()).isZero();
	}

	@Test
	void theConsoleListsAnswerA400PageWithoutSql() {
		ConsoleSession console = ConsoleSession.logIn("http://127.0.0.1:" + this.port, "admin", ADMIN_PASSWORD);
		for (String path : new String[] { "/transfers?page=2147483647", "/transfers?page=1000001&size=100",
				"/audit?page=2147483647" }) {
			HttpResponse<String> page = console.get(path);
			assertThat(page.statusCode()).as(path).isEqualTo(400);
			assertThat(page.body()).as(path)
				.contains("page must be between 1 and 1000000")
				.doesNotContainIgnoringCase("select ")
				.doesNotContainIgnoringCase("offset");
		}
		assertThat(console.get("/transfers?page=1000000").statusCode()).isEqualTo(200);
		assertThat(console.get("/audit?page=1000000").statusCode()).isEqualTo(200);
	}

}
