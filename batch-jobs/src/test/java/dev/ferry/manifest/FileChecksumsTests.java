package dev.ferry.manifest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** A dump's files checked against its manifest: format 2 (CRC32C, sha256 when asked) and format 1 (sha256 only). */
class FileChecksumsTests {

	private static final String ROWS = "INSERT INTO `t` VALUES\n(1,'a'),\n(2,'b');\n";

	@TempDir
	Path data;

	@Test
	void anUntouchedExportPassesAndAChangedByteIsFoundByItsCrc32c() throws Exception {
		write("shop.t-schema.sql", "CREATE TABLE `t` (id int, v text);\n");
		write("shop.t.sql", ROWS);
		ManifestWriter.write(this.data, "mydumper");

		FileChecksums.Check check = FileChecksums.verify(this.data);

		assertThat(check.passed()).isTrue();
		assertThat(check.files()).isEqualTo(2);
		assertThat(check.summary()).isEqualTo("2 files match the manifest's checksums");

		write("shop.t.sql", ROWS.replace("'b'", "'c'")); // same size, other bytes

		assertThat(FileChecksums.verify(this.data).problems()).singleElement()
			.asString()
			.startsWith("shop.t.sql does not match its CRC32C (");
		assertThatIllegalStateException().isThrownBy(() -> FileChecksums.require(this.data))
			.withMessageContaining("the dump's files do not match its manifest.json")
			.withMessageContaining("shop.t.sql does not match its CRC32C");
	}

	@Test
	void aFormatOneManifestIsReadAndCheckedBySha256() throws Exception {
		write("shop.t.sql", ROWS);
		write(Manifest.FILE_NAME, """
				{
				  "format" : 1,
				  "tool" : "mydumper",
				  "tables" : [ { "database" : "shop", "table" : "t", "rows" : 2 } ],
				  "files" : [ { "path" : "shop.t.sql", "size" : %d, "sha256" : "%s" } ]
				}
				""".formatted(ROWS.length(), sha256(ROWS)));

		Manifest manifest = ManifestWriter.read(this.data);

		assertThat(manifest.format()).isEqualTo(1);
		assertThat(manifest.totalRows()).isEqualTo(2);
		assertThat(manifest.files().get(0).crc32c()).isNull();
		assertThat(FileChecksums.verify(this.data).passed()).isTrue();

		write("shop.t.sql", ROWS.replace("'b'", "'c'"));

		assertThat(FileChecksums.verify(this.data).problems()).containsExactly("shop.t.sql does not match its sha256");
	}

	@Test
	void bothChecksumsAreCheckedWhenTheManifestHasBoth() throws Exception {
		write("shop.t.sql", ROWS);
		Manifest manifest = new ManifestWriter(this.data, true).finish("mydumper");
		Manifest.FileEntry entry = manifest.files().get(0);
		Manifest.FileEntry wrongSha = new Manifest.FileEntry(entry.path(), entry.size(), entry.crc32c(),
				sha256("something else"), entry.rows(), entry.compression(), entry.snapshot());

		FileChecksums.Check check = FileChecksums.verify(this.data,
				new Manifest(2, "mydumper", manifest.tables(), java.util.List.of(wrongSha)));

		assertThat(check.problems()).containsExactly("shop.t.sql does not match its sha256");
	}

	@Test
	void missingResizedAndUnlistedFilesAreNamed() throws Exception {
		write("shop.a.sql", ROWS);
		write("shop.b.sql", ROWS);
		ManifestWriter.write(this.data, "mydumper");
		Files.delete(this.data.resolve("shop.a.sql"));
		write("shop.b.sql", ROWS + "\n");
		write("shop.c.sql", ROWS);

		assertThat(FileChecksums.verify(this.data).problems()).containsExactly("shop.a.sql is missing",
				"shop.b.sql has " + (ROWS.length() + 1) + " bytes, the manifest says " + ROWS.length(),
				"shop.c.sql is not in the manifest");
	}

	@Test
	void aManifestCannotPointOutsideTheDump() throws Exception {
		write(Manifest.FILE_NAME, """
				{ "format" : 2, "tool" : "mydumper", "tables" : [ ],
				  "files" : [ { "path" : "../secret", "size" : 1, "crc32c" : "00000000" } ] }
				""");

		assertThat(FileChecksums.verify(this.data).problems()).containsExactly("../secret is not a file of the dump");
	}

	@Test
	void aDumpWithoutManifestIsNotChecked() throws Exception {
		write("shop.t.sql", ROWS);

		assertThat(FileChecksums.verify(this.data)).isNull();
		FileChecksums.require(this.data);
	}

	private void write(String name, String content) throws Exception {
		Files.writeString(this.data.resolve(name), content, StandardCharsets.UTF_8);
	}

	private static String sha256(String text) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

}
