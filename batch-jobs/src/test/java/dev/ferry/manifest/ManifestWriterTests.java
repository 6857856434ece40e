package dev.ferry.manifest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The manifest of a mydumper-shaped dump: tables and rows from the data files, every file hashed. */
class ManifestWriterTests {

	@TempDir
	Path data;

	@Test
	void countsRowsPerTableAcrossChunksAndHashesEveryFile() throws Exception {
		write("shop-schema-create.sql", "CREATE DATABASE `shop`;\n");
		write("shop.orders-schema.sql", "CREATE TABLE `orders` (id int);\n");
		write("shop.orders.00000.sql", "INSERT INTO `orders` VALUES\n(1,'a (x)'),\n(2,'b\\n(c)'),\n(3,NULL);\n");
		write("shop.orders.00001.sql", "INSERT INTO `orders` VALUES\n(4,'d');\n");
		write("shop.empty-schema.sql", "CREATE TABLE `empty` (id int);\n");
		write("shop.v-schema.sql", "CREATE TABLE `v` (id int);\n");
		write("shop.v-schema-view.sql", "CREATE VIEW `v` AS SELECT 1;\n");
		write("shop.orders-schema-triggers.sql", "CREATE TRIGGER x BEFORE INSERT ON orders FOR EACH ROW SET @a=1;\n");
		write("metadata", "Started dump at: 2026-11-28\n");

		Manifest manifest = ManifestWriter.write(this.data, "mydumper");

		assertThat(manifest.tables()).extracting(Manifest.Table::qualifiedName, Manifest.Table::rows)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("shop.empty", 0L),
					org.assertj.core.groups.Tuple.tuple("shop.orders", 4L));
		assertThat(manifest.files()).hasSize(9);
		Manifest.FileEntry chunk = manifest.files().stream()
			.filter((f) -> f.path().equals("shop.orders.00000.sql"))
			.findFirst()
			.orElseThrow();
		byte[] bytes = Files.readAllBytes(this.data.resolve("shop.orders.00000.sql"));
		assertThat(chunk.size()).isEqualTo(bytes.length);
		assertThat(chunk.sha256())
			.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
		assertThat(ManifestWriter.read(this.data)).isEqualTo(manifest);
		assertThat(ManifestWriter.write(this.data, "mydumper").files()).as("the manifest never lists itself")
			.hasSize(9);
	}

	@Test
	void namesAreClassified() {
		assertThat(DumpFile.of("db.t.sql")).contains(new DumpFile("db", "t", true));
		assertThat(DumpFile.of("db.t.00012.sql")).contains(new DumpFile("db", "t", true));
		assertThat(DumpFile.of("db.t-schema.sql")).contains(new DumpFile("db", "t", false));
		assertThat(DumpFile.of("db-schema-create.sql")).isEmpty();
		assertThat(DumpFile.of("db.t-schema-triggers.sql")).isEmpty();
		assertThat(DumpFile.of("db-schema-post.sql")).isEmpty();
		assertThat(DumpFile.of("metadata")).isEmpty();
		assertThat(DumpFile.of("manifest.json")).isEmpty();
	}

	private void write(String name, String content) throws Exception {
		Files.writeString(this.data.resolve(name), content, StandardCharsets.UTF_8);
	}

}
