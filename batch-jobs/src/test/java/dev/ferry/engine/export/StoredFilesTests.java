package dev.ferry.engine.export;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ferry.engine.sink.StoredFile;

import static org.assertj.core.api.Assertions.assertThat;

/** A partition's files kept small enough for the job repository's context column, and read back exactly. */
class StoredFilesTests {

	@Test
	void aFewFilesArePlainLinesReadBackExactly() {
		List<StoredFile> files = List.of(new StoredFile("shop-schema-create.sql", 120, "0a1b2c3d", null),
				new StoredFile("shop.orders-schema.sql", 980, "ffffffff", "ab".repeat(32)));

		String text = StoredFiles.encode(files);

		assertThat(text).startsWith("shop-schema-create.sql\t120\t0a1b2c3d\t\n");
		assertThat(StoredFiles.decode(text)).isEqualTo(files);
	}

	@Test
	void theFilesOfThreeThousandTablesFitInAMariadbTextColumn() {
		List<StoredFile> files = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			files.add(new StoredFile("warehouse_2024.stock_movement_" + i + "-schema.sql", 1000 + i,
					String.format("%08x", i * 2654435761L & 0xffffffffL), null));
		}

		String text = StoredFiles.encode(files);

		assertThat(text).startsWith("gz:");
		assertThat(text.length()).isLessThan(60_000);
		assertThat(StoredFiles.decode(text)).isEqualTo(files);
	}

}
