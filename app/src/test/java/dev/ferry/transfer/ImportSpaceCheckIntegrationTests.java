package dev.ferry.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterKind;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;
import dev.ferry.support.TestDatabases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The import's free-space check against real servers. The shared test MariaDB has no {@code information_schema.DISKS}
 * (the {@code disks} plugin is not loaded, as on most servers): the check is skipped. A MariaDB of the test's own
 * ({@code ops/lib/mariadb.sh}, port 35280, started with {@code --plugin-load-add=disks}; Ferry itself never installs
 * the plugin) reports the disk of its data directory: a dump larger than that disk's free space × margin is refused,
 * a small one passes.
 */
class ImportSpaceCheckIntegrationTests {

	static final Path SCRIPT = Path.of("..", "ops", "lib", "mariadb.sh").toAbsolutePath().normalize();

	static final Path BASE = Path.of("target", "preflight-mariadb").toAbsolutePath();

	static final String NAME = "disks";

	static final int PORT = 35280;

	static final long TIB = 1L << 40;

	final SpacePreflight preflight = new SpacePreflight(new SpaceProperties(1.2), null, null);

	@BeforeAll
	static void startOwnServerWithDisks() {
		shell("mariadb_start \"$1\" \"$2\" --plugin-load-add=disks");
	}

	@AfterAll
	static void removeOwnServer() {
		shell("mariadb_reset \"$1\"");
	}

	@Test
	void aTargetWithoutDisksIsNotChecked() throws SQLException {
		try (Connection target = TestDatabases.root(TestDatabases.targetPort())) {
			assertThat(TargetDisks.read(target)).as("the shared test MariaDB has no information_schema.DISKS").isNull();
		}
		assertThatNoException().isThrownBy(() -> this.preflight.checkImport(plan(TestDatabases.targetPort()), "", TIB));
	}

	@Test
	void aTargetReportingDisksRefusesADumpLargerThanItsDataDisksFreeSpace() throws Exception {
		TargetDisks.DataDisk disk;
		try (Connection target = TestDatabases.root(PORT)) {
			disk = TargetDisks.read(target);
		}
		assertThat(disk).isNotNull();
		long usable = Files.getFileStore(Path.of(disk.datadir())).getUsableSpace();
		System.out.println("DISKS: " + disk + "; Java's usable space of the data directory: " + usable);
		assertThat((double) disk.disk().availableBytes()).isCloseTo(usable, org.assertj.core.data.Percentage.withPercentage(5));

		FerryException refused = catchThrowableOfType(FerryException.class,
				() -> this.preflight.checkImport(plan(PORT), "", TIB));

		assertThat(refused.errorCode()).isEqualTo(ErrorCode.TRANSFER_SPACE_INSUFFICIENT);
		assertThat(refused.getMessage()).startsWith("the dump holds 1.0 TiB of SQL × margin 1.2 = 1.2 TiB, but the "
				+ "target cluster disks reports only ")
			.contains(" free on " + disk.disk().path() + " (its data directory " + disk.datadir()
					+ ", information_schema.DISKS)")
			.endsWith("ferry.transfers.space-margin (FERRY_SPACE_MARGIN) (0 turns this check off)");
		assertThatNoException().isThrownBy(() -> this.preflight.checkImport(plan(PORT), "", 1024));
		assertThatNoException().as("margin 0")
			.isThrownBy(() -> new SpacePreflight(new SpaceProperties(0), null, null).checkImport(plan(PORT), "", TIB));
	}

	private static ImportPlan plan(int port) {
		Cluster cluster = new Cluster(1, "disks", ClusterKind.MYSQL, "127.0.0.1", port, null, null, "root", null);
		return new ImportPlan(cluster, "root", new ExportPlan.CredentialSource(true, ""),
				new ImportPlan.Source(ImportPlan.Kind.UPLOAD, null, "u", null), false, "", ToolChain.MYSQL, "tidb",
				null);
	}

	private static void shell(String call) {
		try {
			ProcessBuilder builder = new ProcessBuilder("bash", "-c", "source \"$0\" && " + call, SCRIPT.toString(),
					NAME, Integer.toString(PORT))
				.redirectErrorStream(true);
			builder.environment().put("FERRY_IT_DIR", BASE.toString());
			builder.environment().put("MARIADB_QUIET", "1");
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes());
			if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IllegalStateException(call + " failed:\n" + output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
