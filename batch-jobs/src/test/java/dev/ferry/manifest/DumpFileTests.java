package dev.ferry.manifest;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** File names of mydumper and dumpling dumps, read as myloader 0.10 reads them, with the names the tools carry. */
class DumpFileTests {

	@Test
	void aDotInATableNameIsPartOfTheTableNotAChunkNumber() {
		assertThat(DumpFile.of("shop.t.2-schema.sql")).contains(new DumpFile("shop", "t.2", false));
		assertThat(DumpFile.of("shop.t.2.sql")).contains(new DumpFile("shop", "t.2", true));
		assertThat(DumpFile.of("shop.t.2.00003.sql")).contains(new DumpFile("shop", "t.2", true));
		assertThat(DumpFile.of("shop.a.b.c.sql")).contains(new DumpFile("shop", "a.b.c", true));
	}

	@Test
	void chunkNumbersOfMydumperAndDumplingAreNotPartOfTheTable() {
		assertThat(DumpFile.of("shop.orders.00000.sql")).contains(new DumpFile("shop", "orders", true));
		assertThat(DumpFile.of("shop.orders.000000001.sql")).contains(new DumpFile("shop", "orders", true));
		assertThat(DumpFile.of("shop.orders.000000001.csv")).contains(new DumpFile("shop", "orders", true));
		assertThat(DumpFile.of("shop.orders.sql")).contains(new DumpFile("shop", "orders", true));
	}

	@Test
	void spacesAndQuotesAreKept() {
		assertThat(DumpFile.of("my db\".t sp-schema.sql")).contains(new DumpFile("my db\"", "t sp", false));
		assertThat(DumpFile.of("my db\".t\"dq.00001.sql")).contains(new DumpFile("my db\"", "t\"dq", true));
	}

	@Test
	void viewsTriggersAndMetadataAreNoTable() {
		assertThat(DumpFile.of("shop.v.w-schema-view.sql")).isEqualTo(Optional.empty());
		assertThat(DumpFile.of("shop.t.2-schema-triggers.sql")).isEmpty();
		assertThat(DumpFile.of("shop-schema-create.sql")).isEmpty();
		assertThat(DumpFile.of("metadata")).isEmpty();
	}

}
