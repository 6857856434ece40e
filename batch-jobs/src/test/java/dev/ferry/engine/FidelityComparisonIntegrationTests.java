package dev.ferry.engine;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The comparison can fail: it finds what the {@code mysql} chain (mydumper and myloader 0.10) loses on a round trip,
 * a {@code FLOAT} printed with 6 digits and a space added after each {@code ;} that ends a line of a trigger body.
 */
class FidelityComparisonIntegrationTests {

	static final String PREFIX = FidelityFixture.prefix("format_cmp");

	static final String DB = PREFIX + "_db";

	@TempDir
	Path directory;

	@AfterEach
	void drop() throws SQLException {
		FidelityFixture.drop(FidelityFixture.sourcePort(), PREFIX);
		FidelityFixture.drop(FidelityFixture.targetPort(), PREFIX);
	}

	@Test
	void theMysqlChainsLossesAreFound() throws Exception {
		try (Connection source = FidelityFixture.connect(FidelityFixture.sourcePort());
				Statement statement = source.createStatement()) {
			statement.execute("CREATE DATABASE " + DB);
			statement.execute("CREATE TABLE " + DB + ".f (id INT PRIMARY KEY, f FLOAT)");
			statement.execute("INSERT INTO " + DB + ".f VALUES (1, 3.4028234663852886e38), (2, 0.1)");
			statement.execute("CREATE TRIGGER " + DB + ".t BEFORE INSERT ON " + DB + ".f FOR EACH ROW BEGIN\n"
					+ "  SET NEW.id = NEW.id;\n  SET NEW.f = NEW.f;\nEND");
		}
		run("mydumper", "-h", "127.0.0.1", "-P", String.valueOf(FidelityFixture.sourcePort()), "-u", "root", "-B",
				DB, "-o", this.directory.toString(), "-G");
		run("myloader", "-h", "127.0.0.1", "-P", String.valueOf(FidelityFixture.targetPort()), "-u", "root", "-d",
				this.directory.toString());

		List<String> differences;
		try (Connection source = FidelityFixture.connect(FidelityFixture.sourcePort());
				Connection target = FidelityFixture.connect(FidelityFixture.targetPort())) {
			differences = FidelityComparison.differences(source, target, Map.of(DB, DB));
		}

		assertThat(differences).hasSize(2);
		assertThat(differences.get(0)).startsWith("CHECKSUM TABLE `" + DB + "`.`f`: expected");
		assertThat(differences.get(1)).startsWith("trigger `" + DB + "`.`t`: expected")
			.contains("SET NEW.id = NEW.id;\n").contains("SET NEW.id = NEW.id; \n");
	}

	private static void run(String... command) throws Exception {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

}
