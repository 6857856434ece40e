package dev.ferry.transfer;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ferry.dump.DumpInspector;
import dev.ferry.error.FerryException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A dump of a database with a dot is refused by its database-create file, the one name that holds it whole. */
class DumpDatabasesTests {

	@TempDir
	Path dir;

	@Test
	void aDatabaseWithADotIsRefusedNamingIt() {
		assertThatThrownBy(() -> DumpDatabases.check(List.of("db.dot", "a.b", "shop")))
			.isInstanceOf(FerryException.class)
			.hasMessageEndingWith(": `a.b`, `db.dot`");
	}

	@Test
	void tablesWithDotsSpacesAndQuotesPass() {
		assertThatCode(() -> DumpDatabases.check(List.of("my db\"", "shop"))).doesNotThrowAnyException();
	}

	@Test
	void theInspectorFindsTheDatabasesOfAZipByTheirCreateFiles() throws Exception {
		Path zip = this.dir.resolve("dump.zip");
		try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
			entries.putNextEntry(new ZipEntry("data/x.y-schema-create.sql"));
			entries.write("CREATE DATABASE `x.y`;".getBytes());
			entries.closeEntry();
		}

		assertThatThrownBy(() -> DumpDatabases.check(DumpInspector.inspectZip(zip).databases()))
			.hasMessageContaining("`x.y`");
	}

}
