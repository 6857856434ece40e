package dev.ferry.error;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;

import static org.assertj.core.api.Assertions.assertThat;

/** What a client may read of a failure: never the text of a database error beneath a server failure. */
class FerryExceptionTests {

	@Test
	void aServerFailureCausedByTheDatabaseShowsOnlyItsCode() {
		var sql = new BadSqlGrammarException("query", "SELECT * FROM FERRY_AUDIT LIMIT ? OFFSET ?",
				new SQLException("Invalid value \"-200\" for parameter \"OFFSET\"; SQL statement: SELECT ..."));
		var failure = new FerryException(ErrorCode.TIEM_TRANSPORT_RECORD_QUERY_FAILED,
				"records could not be read: " + sql.getMostSpecificCause().getMessage(), sql);

		assertThat(failure.publicMessage()).isEqualTo("query data transport record failed (the cause is in the server log)")
			.doesNotContain("SELECT", "OFFSET");
	}

	@Test
	void aDatabaseErrorDeeperDownIsFoundToo() {
		var failure = new FerryException(ErrorCode.TIEM_TRANSPORT_RECORD_CREATE_FAILED, "launch failed: INSERT INTO X",
				new IllegalStateException("wrapped", new DataIntegrityViolationException("INSERT INTO X")));

		assertThat(failure.publicMessage()).doesNotContain("INSERT");
	}

	@Test
	void otherMessagesAreShownAsTheyAre() {
		assertThat(FerryException.invalid("page must be between 1 and 1000000, was 0").publicMessage())
			.isEqualTo("page must be between 1 and 1000000, was 0");
		assertThat(new FerryException(ErrorCode.TIEM_TRANSPORT_PATH_CREATE_FAILED, "/data/export is not writable",
				new java.io.IOException("Permission denied")).publicMessage())
			.isEqualTo("/data/export is not writable");
	}

}
