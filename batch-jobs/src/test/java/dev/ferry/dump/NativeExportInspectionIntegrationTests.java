package dev.ferry.dump;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.ferry.engine.FidelityFixture;
import dev.ferry.engine.format.Compression;
import dev.ferry.engine.format.FileType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole fidelity fixture ({@link FidelityFixture}, escaped database names included), exported by the native
 * engine's format classes ({@link NativeExport}) as SQL (uncompressed, gzip, zstd) and as CSV, passes the dump
 * inspector with no refusal, and the inspector reports the real names of every table, view and sequence.
 */
class NativeExportInspectionIntegrationTests {

	static final String PREFIX = FidelityFixture.prefix("inspect");

	static List<String> databases;

	/** {@code db.table} of every table, view and sequence of the fixture, by their real names. */
	static Set<String> tables;

	@TempDir
	Path directory;

	@BeforeAll
	static void fixture() throws Exception {
		FidelityFixture.load(FidelityFixture.sourcePort(), FidelityFixture.FIXTURE, PREFIX);
		FidelityFixture.load(FidelityFixture.sourcePort(), FidelityFixture.ESCAPED, PREFIX);
		try (Connection source = FidelityFixture.connect(FidelityFixture.sourcePort());
				Statement statement = source.createStatement();
				ResultSet rs = statement.executeQuery("SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES"
						+ " WHERE LEFT(TABLE_SCHEMA, " + PREFIX.length() + ") = '" + PREFIX + "'")) {
			databases = FidelityFixture.databases(source, PREFIX);
			tables = new TreeSet<>();
			while (rs.next()) {
				tables.add(rs.getString(1) + "." + rs.getString(2));
			}
		}
		assertThat(databases).hasSize(9).contains(PREFIX + ".dot/ted db", PREFIX + "%percent.");
		assertThat(tables).contains(PREFIX + "_objects.seq_used", PREFIX + "_names-ü db.sl/ash",
				PREFIX + ".dot/ted db.in.dotted");
	}

	@AfterAll
	static void dropSource() throws SQLException {
		FidelityFixture.drop(FidelityFixture.sourcePort(), PREFIX);
	}

	@ParameterizedTest
	@EnumSource(Compression.class)
	void sqlExportsPassWithTheirRealNames(Compression compression) throws Exception {
		Map<String, String> escapes = export(FileType.SQL, compression);
		assertThat(escapes).containsEntry(PREFIX + "%2Edot%2Fted db", PREFIX + ".dot/ted db")
			.containsEntry("sl%2Fash", "sl/ash");

		DumpContents contents = DumpInspector.inspectDirectory(this.directory);

		assertThat(contents.tables()).isEqualTo(tables);
		assertThat(contents.databases()).containsExactlyInAnyOrderElementsOf(databases);
		assertThat(contents.statements()).isGreaterThan(200);
	}

	@Test
	void csvExportPasses() throws Exception {
		export(FileType.CSV, Compression.ZSTD);

		DumpContents contents = DumpInspector.inspectDirectory(this.directory);

		assertThat(contents.tables()).isEqualTo(tables);
		assertThat(contents.databases()).containsExactlyInAnyOrderElementsOf(databases);
	}

	private Map<String, String> export(FileType type, Compression compression) throws Exception {
		try (Connection source = FidelityFixture.connect(FidelityFixture.sourcePort())) {
			return NativeExport.export(source, databases, this.directory, type, compression, 1000);
		}
	}

}
