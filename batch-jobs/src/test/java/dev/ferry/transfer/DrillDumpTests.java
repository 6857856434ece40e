package dev.ferry.transfer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ferry.manifest.Manifest;
import dev.ferry.manifest.ManifestWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The renamed view a restore drill gives myloader, and what a drill's outcome may say. */
class DrillDumpTests {

	@TempDir
	Path dir;

	@Test
	void linksEveryFileUnderItsDrillDatabaseAndRewritesOnlyWhatNamesTheDatabase() throws Exception {
		Path source = Files.createDirectories(this.dir.resolve("export"));
		Files.writeString(source.resolve("shop-schema-create.sql"),
				"CREATE DATABASE `shop` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;");
		Files.writeString(source.resolve("shop.orders-schema.sql"), "CREATE TABLE `orders` (id INT);");
		Files.writeString(source.resolve("shop.orders.00000.sql"), "INSERT INTO `orders` VALUES\n(1),\n(2);\n");
		Files.writeString(source.resolve("shop_x-schema-create.sql"), "CREATE DATABASE `shop_x`;");
		Files.writeString(source.resolve("shop_x.t-schema.sql"), "CREATE TABLE `t` (id INT);");
		Files.writeString(source.resolve("metadata"), "Started dump at: 2026-12-07");
		ManifestWriter.write(source, "mydumper");
		Path view = this.dir.resolve("drill/data");

		Map<String, String> names = DrillDump.link(source, view, 43);

		assertThat(names).containsExactlyEntriesOf(new java.util.TreeMap<>(
				Map.of("shop", "shop_drill_43", "shop_x", "shop_x_drill_43")));
		assertThat(Files.readSymbolicLink(view.resolve("shop_drill_43.orders.00000.sql")))
			.isEqualTo(source.resolve("shop.orders.00000.sql").toAbsolutePath());
		assertThat(Files.isSymbolicLink(view.resolve("shop_x_drill_43.t-schema.sql"))).as("the longest database wins")
			.isTrue();
		assertThat(Files.isSymbolicLink(view.resolve("metadata"))).isTrue();
		assertThat(Files.readString(view.resolve("shop_drill_43-schema-create.sql")))
			.isEqualTo("CREATE DATABASE `shop_drill_43` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;");
		assertThat(Files.readString(source.resolve("shop-schema-create.sql"))).as("the export is never changed")
			.startsWith("CREATE DATABASE `shop` ");
		Manifest renamed = ManifestWriter.read(view);
		assertThat(renamed.tables()).extracting(Manifest.Table::qualifiedName)
			.containsExactlyInAnyOrder("shop_drill_43.orders", "shop_x_drill_43.t");
		assertThat(renamed.totalRows()).isEqualTo(ManifestWriter.read(source).totalRows());
		assertThat(DrillDump.split(DrillDump.joined(names))).isEqualTo(List.of("shop_drill_43", "shop_x_drill_43"));
	}

	@Test
	void aDumpWithoutManifestCannotBeDrilled() throws Exception {
		Path source = Files.createDirectories(this.dir.resolve("plain"));
		Files.writeString(source.resolve("shop.t-schema.sql"), "CREATE TABLE `t` (id INT);");

		assertThatIllegalStateException().isThrownBy(() -> DrillDump.link(source, this.dir.resolve("v"), 1))
			.withMessageContaining("no manifest.json");
	}

	@Test
	void drillNamesKeepMariaDbsLimitOf64Characters() {
		String longName = "d".repeat(64);

		assertThat(DrillDump.drillName(longName, 1234567)).hasSize(64).endsWith("_drill_1234567");
		assertThat(DrillDump.drillName("shop", 7)).isEqualTo("shop_drill_7");
	}

	@Test
	void anOutcomeNeverCarriesThePassword() {
		assertThat(RestoreDrillOutcome.redacted("not restorable: Access denied, tried pw Drill-Secret-4711!",
				"Drill-Secret-4711"))
			.isEqualTo("not restorable: Access denied, tried pw ****!");
	}

}
