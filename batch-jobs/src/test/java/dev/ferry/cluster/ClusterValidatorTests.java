package dev.ferry.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checks of a cluster draft: the kind it returns, and one message naming every problem. */
class ClusterValidatorTests {

	private static ClusterDraft mysql() {
		return new ClusterDraft("orders", "MYSQL", "db.example.com", 3306, null, null, "root", "pw");
	}

	private static ClusterDraft tidb() {
		return new ClusterDraft("analytics", "TIDB", "10.0.0.5", 4000, 10080, "pd-0.example.com:2379", "root", "");
	}

	@Test
	void aValidMysqlDraftPassesAndReturnsMysql() {
		assertThat(ClusterValidator.validate(mysql())).isEqualTo(ClusterKind.MYSQL);
	}

	@Test
	void aValidTidbDraftWithStatusPortAndPdAddressPassesAndReturnsTidb() {
		assertThat(ClusterValidator.validate(tidb())).isEqualTo(ClusterKind.TIDB);
	}

	@ParameterizedTest
	@ValueSource(strings = { "tidb", "TiDB", " tidb ", "TIDB" })
	void theKindIsCaseInsensitive(String kind) {
		ClusterDraft draft = new ClusterDraft("a", kind, "h", 4000, null, null, "u", null);

		assertThat(ClusterValidator.validate(draft)).isEqualTo(ClusterKind.TIDB);
	}

	@Test
	void theKindMysqlIsCaseInsensitiveToo() {
		ClusterDraft draft = new ClusterDraft("a", "mySql", "h", 3306, null, null, "u", null);

		assertThat(ClusterValidator.validate(draft)).isEqualTo(ClusterKind.MYSQL);
	}

	@Test
	void boundaryValuesArePermitted() {
		ClusterDraft draft = new ClusterDraft("n".repeat(128), "MYSQL", "127.0.0.1", 1, 65535, "pd:2379",
				"u".repeat(128), null);

		assertThat(ClusterValidator.validate(draft)).isEqualTo(ClusterKind.MYSQL);
		assertThat(ClusterValidator.validate(new ClusterDraft("n", "MYSQL", "h", 65535, 1, null, "u", null)))
			.isEqualTo(ClusterKind.MYSQL);
	}

	@Test
	void anAllBadDraftYieldsOneExceptionNamingEveryProblem() {
		ClusterDraft draft = new ClusterDraft(" ", "ORACLE", "bad host", 0, 70000, "no-port", "", null);

		assertThatThrownBy(() -> ClusterValidator.validate(draft))
			.isInstanceOfSatisfying(FerryException.class,
					(ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.PARAMETER_INVALID))
			.hasMessageStartingWith("invalid cluster: ")
			.hasMessageContaining("name is required")
			.hasMessageContaining("kind 'ORACLE' is unknown")
			.hasMessageContaining("host 'bad host' is not a host name or IP address")
			.hasMessageContaining("port 0 is not between 1 and 65535")
			.hasMessageContaining("statusPort 70000 is not between 1 and 65535")
			.hasMessageContaining("pdAddress 'no-port' must be host:port")
			.hasMessageContaining("user is required");
	}

	@Test
	void anEmptyDraftNamesEveryRequiredField() {
		ClusterDraft draft = new ClusterDraft(null, null, null, null, null, null, null, null);

		assertThatThrownBy(() -> ClusterValidator.validate(draft)).isInstanceOf(FerryException.class)
			.hasMessageContaining("name is required")
			.hasMessageContaining("kind is required")
			.hasMessageContaining("host is required")
			.hasMessageContaining("port is required")
			.hasMessageContaining("user is required")
			.hasMessageNotContaining("statusPort")
			.hasMessageNotContaining("pdAddress");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1, 65536, 100000 })
	void anOutOfRangePortIsRejected(int port) {
		assertOnlyProblem(new ClusterDraft("a", "MYSQL", "h", port, null, null, "u", null),
				"port " + port + " is not between 1 and 65535");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 65536 })
	void anOutOfRangeStatusPortIsRejected(int statusPort) {
		assertOnlyProblem(new ClusterDraft("a", "TIDB", "h", 4000, statusPort, null, "u", null),
				"statusPort " + statusPort + " is not between 1 and 65535");
	}

	@ParameterizedTest
	@ValueSource(strings = { "pd.example.com", "pd:", ":2379", "pd:abc", "pd:123456", "http://pd:2379", "pd 1:2379",
			"pd:0", "pd:99999", "-pd:2379", "--log-file=x:2379" })
	void aPdAddressThatIsNotHostColonPortIsRejected(String pdAddress) {
		assertOnlyProblem(new ClusterDraft("a", "TIDB", "h", 4000, 10080, pdAddress, "u", null),
				"pdAddress '" + pdAddress + "' must be host:port (port 1-65535), the host starting with a letter or digit");
	}

	@Test
	void severalPdAddressesAreAccepted() {
		assertThat(ClusterValidator.validate(
				new ClusterDraft("a", "TIDB", "h", 4000, 10080, "pd1:2379, pd2:2379", "u", null)))
			.isEqualTo(ClusterKind.TIDB);
	}

	@Test
	void aPasswordOverTheOptionFileLimitIsRejected() {
		assertOnlyProblem(new ClusterDraft("a", "MYSQL", "h", 3306, null, null, "u", "x".repeat(1001)),
				"password is longer than 1000 characters");
	}

	@ParameterizedTest
	@ValueSource(strings = { "bad host", " leading", "a b c", "host;rm", "ho\tst", "fe80::zz" })
	void aHostThatIsNotAHostNameOrAddressIsRejected(String host) {
		assertOnlyProblem(new ClusterDraft("a", "MYSQL", host, 3306, null, null, "u", null),
				"host '" + host + "' is not a host name or IP address");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"localhost:3307|holds a port: give only the host name or IP address, and the port in port",
			"10.0.0.5:|holds a port", "db.example.com:3306|holds a port",
			"host/path|holds a path", "localhost:3307/db|holds a path",
			"-dash-first|starts with '-', which the tools would read as an option",
			"--help|starts with '-', which the tools would read as an option", "a:b:c|is not a valid IPv6 address" })
	void aHostWithAPortAPathOrALeadingDashIsRefusedSayingWhy(String host, String why) {
		assertThatThrownBy(() -> ClusterValidator.validate(new ClusterDraft("a", "MYSQL", host, 3306, null, null, "u",
				null)))
			.hasMessage("invalid cluster: host '" + host + "' " + why
					+ (why.equals("holds a port") ? ": give only the host name or IP address, and the port in port"
							: why.equals("holds a path") ? ": give only the host name or IP address" : ""));
	}

	@ParameterizedTest
	@ValueSource(strings = { "::1", "fd00::5", "2001:db8::10", "::ffff:10.0.0.1" })
	void anIpv6AddressIsAHost(String host) {
		assertThat(ClusterValidator.validate(new ClusterDraft("a", "MYSQL", host, 3306, null, null, "u", null)))
			.isEqualTo(ClusterKind.MYSQL);
	}

	@Test
	void aUserStartingWithADashIsRefused() {
		assertOnlyProblem(new ClusterDraft("a", "MYSQL", "h", 3306, null, null, "--help", null),
				"user '--help' starts with '-', which the tools would read as an option");
	}

	@Test
	void aHostOf254CharactersIsRejected() {
		String host = "h".repeat(254);

		assertOnlyProblem(new ClusterDraft("a", "MYSQL", host, 3306, null, null, "u", null),
				"host '" + host + "' is not a host name or IP address");
		assertThat(ClusterValidator.validate(new ClusterDraft("a", "MYSQL", "h".repeat(253), 3306, null, null, "u",
				null)))
			.isEqualTo(ClusterKind.MYSQL);
	}

	@Test
	void aNameOver128CharactersIsRejected() {
		assertOnlyProblem(new ClusterDraft("n".repeat(129), "MYSQL", "h", 3306, null, null, "u", null),
				"name is longer than 128 characters");
	}

	@Test
	void aUserOver128CharactersIsRejected() {
		assertOnlyProblem(new ClusterDraft("a", "MYSQL", "h", 3306, null, null, "u".repeat(129), null),
				"user is longer than 128 characters");
	}

	@Test
	void anUnknownKindIsRejected() {
		assertOnlyProblem(new ClusterDraft("a", "POSTGRES", "h", 5432, null, null, "u", null),
				"kind 'POSTGRES' is unknown (TIDB or MYSQL)");
	}

	private static void assertOnlyProblem(ClusterDraft draft, String problem) {
		assertThatThrownBy(() -> ClusterValidator.validate(draft))
			.isInstanceOfSatisfying(FerryException.class,
					(ex) -> assertThat(ex.errorCode()).isEqualTo(ErrorCode.PARAMETER_INVALID))
			.hasMessage("invalid cluster: " + problem);
	}

}
