package dev.ferry.transfer;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ferry.error.FerryException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A dump of a database with a dot is refused by its database-create file, the one name that holds it whole. */
class DumpDatabasesTests {

	@TempDir
	Path dir;

	@Test
	void aDatabaseWithADotIsRefusedNamingIt() {
		assertThatThrownBy(() -> DumpDatabases.check(List.of("db.dot-schema-create.sql", "db.dot.t1-schema.sql",
				"prefix/a.b-schema-create.sql", "shop-schema-create.sql")))
			.isInstanceOf(FerryException.class)
			.hasMessageEndingWith(": `a.b`, `db.dot`");
	}

	@Test
	void tablesWithDotsSpacesAndQuotesPass() {
		assertThatCode(() -> DumpDatabases.check(List.of("my db\"-schema-create.sql", "my db\".t.2-schema.sql",
				"my db\".t.2.sql", "metadata.my db\""))).doesNotThrowAnyException();
	}

	@Test
	void aZipIsCheckedByItsEntryNames() throws Exception {
		Path zip = this.dir.resolve("dump.zip");
		try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream entries = new ZipOutputStream(out)) {
			entries.putNextEntry(new ZipEntry("data/x.y-schema-create.sql"));
			entries.write("CREATE DATABASE `x.y`;".getBytes());
			entries.closeEntry();
		}

		assertThatThrownBy(() -> DumpDatabases.checkZip(zip)).hasMessageContaining("`x.y`");
	}

}
