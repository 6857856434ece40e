package dev.ferry.transfer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress from mydumper's {@code -v 3} log and the output directory, read incrementally. */
class MydumperProgressTests {

	@TempDir
	Path dir;

	@Test
	void countsTablesAcrossPollsAndIgnoresAHalfWrittenLine() throws Exception {
		Path log = this.dir.resolve("mydumper.log");
		Path data = Files.createDirectories(this.dir.resolve("data"));
		ExecutionContext context = new ExecutionContext();
		append(log, "** Message: 05:00:20.226: Thread 2 dumping schema create for `shop`\n"
				+ "** Message: 05:00:20.290: Thread 2 dumping data for `shop`.`customers`\n"
				+ "** Message: 05:00:20.290: Thread 1 dumping data for `shop`.`orders`\n"
				+ "** Message: 05:00:20.291: Thread 1 dumping data for `shop`.`ha");
		Files.write(data.resolve("shop.customers.sql"), new byte[1500]);

		MydumperProgress.update(context, log, data, System.currentTimeMillis() - 1000);

		assertThat(context.getInt(MydumperProgress.TABLES_STARTED)).isEqualTo(2);
		assertThat(context.getLong(MydumperProgress.BYTES)).isEqualTo(1500);
		assertThat(context.getLong(MydumperProgress.FILES)).isEqualTo(1);
		assertThat(context.getLong(MydumperProgress.BYTES_PER_SECOND)).isBetween(1000L, 1500L);
		assertThat(context.getString(MydumperProgress.PHASE)).isEqualTo("dumping");

		append(log, "lf`\n** Message: 05:00:21.000: Thread 2 dumping data for `shop`.`ünïcode 🚀`\n");
		Files.write(data.resolve("shop.orders.sql"), new byte[500]);
		MydumperProgress.update(context, log, data, System.currentTimeMillis() - 1000);

		assertThat(context.getInt(MydumperProgress.TABLES_STARTED)).as("each line counted once").isEqualTo(4);
		assertThat(context.getLong(MydumperProgress.BYTES)).isEqualTo(2000);
		assertThat(context.getLong(MydumperProgress.FILES)).isEqualTo(2);
	}

	@Test
	void missingLogAndDirectoryReportZero() {
		ExecutionContext context = new ExecutionContext();

		MydumperProgress.update(context, this.dir.resolve("none.log"), this.dir.resolve("none"), System.currentTimeMillis());

		assertThat(context.getInt(MydumperProgress.TABLES_STARTED)).isZero();
		assertThat(context.getLong(MydumperProgress.BYTES)).isZero();
	}

	private static void append(Path file, String text) throws Exception {
		Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

}
