package dev.ferry.manifest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The manifest of a mydumper-shaped dump (format 2): tables and rows from the data files, every file's CRC32C, sha256
 * when asked for.
 */
class ManifestWriterTests {

	@TempDir
	Path data;

	@Test
	void countsRowsPerTableAcrossChunksAndChecksumsEveryFileWithCrc32c() throws Exception {
		writeShop();

		Manifest manifest = ManifestWriter.write(this.data, "mydumper");

		assertThat(manifest.format()).isEqualTo(2);
		assertThat(manifest.tables()).extracting(Manifest.Table::qualifiedName, Manifest.Table::rows)
			.containsExactly(tuple("shop.empty", 0L), tuple("shop.orders", 4L));
		assertThat(manifest.files()).hasSize(9);
		Manifest.FileEntry chunk = entry(manifest, "shop.orders.00000.sql");
		byte[] bytes = Files.readAllBytes(this.data.resolve("shop.orders.00000.sql"));
		CRC32C crc = new CRC32C();
		crc.update(bytes);
		assertThat(chunk.size()).isEqualTo(bytes.length);
		assertThat(chunk.crc32c()).isEqualTo(String.format("%08x", crc.getValue())).hasSize(8);
		assertThat(chunk.sha256()).as("sha256 only when asked for").isNull();
		assertThat(chunk.rows()).isEqualTo(3L);
		assertThat(chunk.compression()).isEqualTo("none");
		assertThat(entry(manifest, "shop.orders.00001.sql").rows()).isEqualTo(1L);
		assertThat(entry(manifest, "shop.orders-schema.sql").rows()).as("not a data file").isNull();
		assertThat(entry(manifest, "metadata").crc32c()).isNotNull();
		assertThat(ManifestWriter.read(this.data)).isEqualTo(manifest);
		assertThat(Files.readString(this.data.resolve(Manifest.FILE_NAME))).contains("\"format\" : 2")
			.contains("\"crc32c\" : \"" + chunk.crc32c() + "\"");
		assertThat(ManifestWriter.write(this.data, "mydumper").files()).as("the manifest never lists itself")
			.hasSize(9);
	}

	@Test
	void addsSha256WhenAskedFor() throws Exception {
		writeShop();

		Manifest manifest = new ManifestWriter(this.data, true).finish("mydumper");

		byte[] bytes = Files.readAllBytes(this.data.resolve("shop.orders.00000.sql"));
		assertThat(entry(manifest, "shop.orders.00000.sql").sha256())
			.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
		assertThat(entry(manifest, "shop.orders.00000.sql").crc32c()).isNotNull();
	}

	@Test
	void scansWhileTheToolStillWrites() throws Exception {
		Path file = this.data.resolve("shop.orders.sql");
		ManifestWriter writer = new ManifestWriter(this.data);
		StringBuilder all = new StringBuilder("INSERT INTO `orders` VALUES\n");
		Files.writeString(file, all);
		for (int i = 0; i < 1000; i++) {
			String row = "(" + i + ",'" + "x".repeat(i % 37) + "\\n(')" + (i % 100 == 99 ? ";\nINSERT INTO `orders` VALUES\n" : ",\n");
			all.append(row);
			Files.writeString(file, row, StandardOpenOption.APPEND);
			if (i % 7 == 0) {
				writer.catchUp();
			}
		}

		Manifest manifest = writer.finish("mydumper");

		CRC32C crc = new CRC32C();
		crc.update(all.toString().getBytes(StandardCharsets.UTF_8));
		assertThat(entry(manifest, "shop.orders.sql").crc32c()).isEqualTo(String.format("%08x", crc.getValue()));
		assertThat(entry(manifest, "shop.orders.sql").rows()).isEqualTo(1000L);
	}

	@Test
	void aChunkRenamedWhenTheTableFitInItIsNotReadAgain() throws Exception {
		String rows = "INSERT INTO `orders` VALUES\n(1,'a'),\n(2,'b');\n";
		write("shop.orders.00001.sql", rows); // mydumper 0.10 with --chunk-filesize, while it dumps
		ManifestWriter writer = new ManifestWriter(this.data);
		writer.catchUp();
		assertThat(writer.rowsSoFar()).containsEntry("shop.orders", 2L);
		Files.move(this.data.resolve("shop.orders.00001.sql"), this.data.resolve("shop.orders.sql"));
		String schema = "CREATE TABLE `orders` (id int, v text);\n";
		write("shop.orders-schema.sql", schema);

		Manifest manifest = writer.finish("mydumper");

		assertThat(writer.bytesRead()).as("every byte once").isEqualTo(rows.length() + schema.length());
		assertThat(manifest.files()).extracting(Manifest.FileEntry::path)
			.containsExactly("shop.orders-schema.sql", "shop.orders.sql");
		assertThat(entry(manifest, "shop.orders.sql")).isEqualTo(entry(ManifestWriter.write(this.data, "mydumper"),
				"shop.orders.sql"));
		assertThat(entry(manifest, "shop.orders.sql").rows()).isEqualTo(2L);
	}

	@Test
	void csvRowsAreNotCounted() throws Exception {
		write("shop.orders.csv", "1,\"a\n(b\"\n2,c\n");

		Manifest manifest = ManifestWriter.write(this.data, "dumpling");

		assertThat(entry(manifest, "shop.orders.csv").rows()).isEqualTo(Manifest.UNKNOWN_ROWS);
		assertThat(manifest.tables()).extracting(Manifest.Table::rows).containsExactly(Manifest.UNKNOWN_ROWS);
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

	private void writeShop() throws Exception {
		write("shop-schema-create.sql", "CREATE DATABASE `shop`;\n");
		write("shop.orders-schema.sql", "CREATE TABLE `orders` (id int);\n");
		write("shop.orders.00000.sql", "INSERT INTO `orders` VALUES\n(1,'a (x)'),\n(2,'b\\n(c)'),\n(3,NULL);\n");
		write("shop.orders.00001.sql", "INSERT INTO `orders` VALUES\n(4,'d');\n");
		write("shop.empty-schema.sql", "CREATE TABLE `empty` (id int);\n");
		write("shop.v-schema.sql", "CREATE TABLE `v` (id int);\n");
		write("shop.v-schema-view.sql", "CREATE VIEW `v` AS SELECT 1;\n");
		write("shop.orders-schema-triggers.sql", "CREATE TRIGGER x BEFORE INSERT ON orders FOR EACH ROW SET @a=1;\n");
		write("metadata", "Started dump at: 2026-11-28\n");
	}

	private static Manifest.FileEntry entry(Manifest manifest, String path) {
		return manifest.files().stream().filter((f) -> f.path().equals(path)).findFirst().orElseThrow();
	}

	private void write(String name, String content) throws Exception {
		Files.writeString(this.data.resolve(name), content, StandardCharsets.UTF_8);
	}

}
