package dev.ferry.engine.snapshot;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The TiDB side of the snapshot, unit-tested only: no TiDB server exists on these machines, so the statements and
 * the recognition of a TiDB server are checked as text. (MariaDB's side runs for real: SnapshotIntegrationTests.)
 */
class SnapshotStatementsTests {

	@Test
	void tidbWithoutAServerHereEveryConnectionReadsAtTheTsoAsANumber() {
		assertThat(SnapshotStatements.tidbSession("449572811542691841"))
			.containsExactly("SET SESSION tidb_snapshot = '449572811542691841'");
	}

	@Test
	void tidbWithoutAServerHereATsoThatIsNotAWholeNumberIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SnapshotStatements.tidbSession("1'; DROP TABLE x; --"));
		assertThatIllegalArgumentException().isThrownBy(() -> SnapshotStatements.tidbSession(""));
	}

	@Test
	void tidbWithoutAServerHereItIsRecognisedByItsVersion() {
		assertThat(ServerFlavor.of("8.0.11-TiDB-v7.5.1")).isEqualTo(ServerFlavor.TIDB);
		assertThat(ServerFlavor.of("10.11.19-MariaDB-0+deb12u1")).isEqualTo(ServerFlavor.MARIADB);
		assertThat(ServerFlavor.of("8.0.36")).isEqualTo(ServerFlavor.MYSQL);
		assertThat(ServerFlavor.TIDB.kind()).isEqualTo("tidb");
	}

}
