package dev.ferry.startup;

import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The database failures an operator meets at startup, as the real MariaDB driver reports them. */
class DatabaseFailureAnalyzerTests {

	@Test
	void aServerThatIsNotThereIsACannotConnect() {
		String url = "jdbc:mariadb://127.0.0.1:1/ferry";

		FailureAnalysis analysis = analyze(url, "ferry", connect(url, "ferry", ""));

		assertThat(analysis.getDescription()).startsWith("Ferry cannot connect to its database at " + url + ": ");
		assertThat(analysis.getAction()).contains("FERRY_DB_URL");
	}

	@Test
	void aWrongPasswordIsARefusedUserAndTheReportHasNoPassword() {
		String url = "jdbc:mariadb://127.0.0.1:" + TestDatabases.targetPort() + "/mysql";

		FailureAnalysis analysis = analyze(url, "root", connect(url, "root", "a-wrong-pw"));

		assertThat(analysis.getDescription()).contains("refused the user 'root'").contains("Access denied");
		assertThat(analysis.getAction()).contains("FERRY_DB_USER and FERRY_DB_PASSWORD");
		assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain("a-wrong-pw");
	}

	@Test
	void aMissingDatabaseSaysHowToCreateIt() {
		String url = "jdbc:mariadb://127.0.0.1:" + TestDatabases.targetPort() + "/" + TestDatabases.uniqueName("none");

		FailureAnalysis analysis = analyze(url, "root", connect(url, "root", ""));

		assertThat(analysis.getDescription()).startsWith("Ferry's database at " + url + " does not exist");
		assertThat(analysis.getAction()).contains("CREATE DATABASE");
	}

	@Test
	void aPasswordInTheUrlIsMasked() {
		String url = "jdbc:mariadb://127.0.0.1:1/ferry?user=ferry&password=in-the-url";

		FailureAnalysis analysis = analyze(url, "ferry", connect(url, "ferry", "in-the-url"));

		assertThat(analysis.getDescription()).contains("password=*****").doesNotContain("in-the-url");
	}

	@Test
	void otherSqlErrorsAreLeftToSpringBoot() throws Exception {
		SQLException syntax;
		try (var connection = TestDatabases.root(TestDatabases.targetPort())) {
			syntax = catchThrowableOfType(SQLException.class,
					() -> connection.createStatement().execute("SELEC nonsense"));
		}

		assertThat(new DatabaseFailureAnalyzer(new MockEnvironment()).analyze(new IllegalStateException(syntax)))
			.isNull();
	}

	private static FailureAnalysis analyze(String url, String user, SQLException ex) {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", url)
			.withProperty("spring.datasource.username", user);
		// as Spring wraps it during startup
		FailureAnalysis analysis = new DatabaseFailureAnalyzer(environment)
			.analyze(new IllegalStateException("Error creating bean with name 'liquibase'", ex));
		assertThat(analysis).as("analysed: " + ex).isNotNull();
		return analysis;
	}

	private static SQLException connect(String url, String user, String password) {
		return catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(url, user, password).close());
	}

}
