package dev.ferry.transfer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.ferry.record.ProgressContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress of a mysql-chain dump from mydumper's {@code -v 3} log (a table is done when its thread moved on), the rows
 * counted so far and the source's statistics.
 */
class MydumperProgressTests {

	private static final String PREFIX = "** Message: 05:00:20.226: ";

	@TempDir
	Path dir;

	@Test
	void aTableBeingDumpedIsNotDoneAndTheEstimateFollowsItsRows() throws Exception {
		Path log = this.dir.resolve("mydumper.log");
		Path data = Files.createDirectories(this.dir.resolve("data"));
		MydumperProgress progress = new MydumperProgress(0, Map.of("shop.orders", 3_000_000L));
		ExecutionContext context = new ExecutionContext();
		append(log, "Thread 1 dumping schema create for `shop`", "Thread 3 dumping data for `shop`.`orders`",
				"Thread 1 dumping schema for `shop`.`orders`", "Thread 1 shutting down");
		Files.write(data.resolve("shop.orders.sql"), new byte[1500]);

		progress.update(context, log, data, System.currentTimeMillis() - 1000, Map.of("shop.orders", 750_000L));

		assertThat(context.getLong(ProgressContext.TABLES_DONE)).as("one table, being dumped: not done").isZero();
		assertThat(context.getLong(ProgressContext.TABLES_TOTAL)).isEqualTo(1);
		assertThat(context.getLong(ProgressContext.ROWS)).isEqualTo(750_000);
		assertThat(context.getLong(ProgressContext.ROWS_TOTAL)).isEqualTo(3_000_000);
		assertThat(context.getInt(ProgressContext.PERCENT)).isEqualTo(25);
		assertThat(context.getLong(ProgressContext.ETA_SECONDS)).isBetween(2L, 4L);
		assertThat(context.getLong(ProgressContext.BYTES)).isEqualTo(1500);
		assertThat(context.getString(ProgressContext.PHASE)).isEqualTo("dumping");

		// more rows than the statistics said, the table still running: not done, the total stays above the rows
		progress.update(context, log, data, System.currentTimeMillis() - 1000, Map.of("shop.orders", 3_300_000L));
		assertThat(context.getLong(ProgressContext.ROWS_TOTAL)).isGreaterThan(3_300_000);
		assertThat(context.getInt(ProgressContext.PERCENT)).isBetween(25, 99);
		assertThat(context.getLong(ProgressContext.ETA_SECONDS)).isPositive();

		append(log, "Thread 3 shutting down");
		progress.update(context, log, data, System.currentTimeMillis() - 1000, Map.of("shop.orders", 3_300_000L));
		assertThat(context.getLong(ProgressContext.TABLES_DONE)).isEqualTo(1);
		assertThat(context.getLong(ProgressContext.ROWS_TOTAL)).isEqualTo(3_300_000);
		assertThat(context.getInt(ProgressContext.PERCENT)).as("done only once the record finished").isEqualTo(99);
	}

	@Test
	void aThreadsNextTableEndsItsLastAndAHalfWrittenLineWaits() throws Exception {
		Path log = this.dir.resolve("mydumper.log");
		MydumperProgress progress = new MydumperProgress(0, Map.of("shop.a", 10L, "shop.b", 10L, "shop.ü 🚀", 10L));
		ExecutionContext context = new ExecutionContext();
		append(log, "Thread 2 dumping data for `shop`.`a`", "Thread 1 dumping data for `shop`.`ü 🚀`");
		Files.writeString(log, PREFIX + "Thread 2 dumping data for `shop`.`b", StandardOpenOption.APPEND);

		progress.update(context, log, this.dir, System.currentTimeMillis(), Map.of());
		assertThat(context.getLong(ProgressContext.TABLES_DONE)).isZero();

		append(log, "`", "Thread 1 shutting down");
		progress.update(context, log, this.dir, System.currentTimeMillis(), Map.of());
		assertThat(context.getLong(ProgressContext.TABLES_DONE)).as("a (thread 2 moved on to b) and ü 🚀").isEqualTo(2);
	}

	@Test
	void aRestartedDumpReadsOnlyItsOwnLines() throws Exception {
		Path log = this.dir.resolve("mydumper.log");
		append(log, "Thread 1 dumping data for `shop`.`a`", "Thread 1 shutting down");
		MydumperProgress progress = new MydumperProgress(ToolLogThreads.end(log), Map.of("shop.a", 10L));
		ExecutionContext context = new ExecutionContext();

		progress.update(context, log, this.dir, System.currentTimeMillis(), Map.of());

		assertThat(context.getLong(ProgressContext.TABLES_DONE)).isZero();
		assertThat(context.getInt(ProgressContext.PERCENT)).isZero();
		assertThat(context.containsKey(ProgressContext.ETA_SECONDS)).as("unknown, not 0").isFalse();
	}

	@Test
	void missingLogAndDirectoryReportZero() {
		ExecutionContext context = new ExecutionContext();

		new MydumperProgress(0, Map.of()).update(context, this.dir.resolve("none.log"), this.dir.resolve("none"),
				System.currentTimeMillis(), Map.of());

		assertThat(context.getLong(ProgressContext.TABLES_DONE)).isZero();
		assertThat(context.getLong(ProgressContext.BYTES)).isZero();
	}

	@Test
	void myloaderFilesAreDoneWhenTheirThreadMovesOn() throws Exception {
		Path log = this.dir.resolve("myloader.log");
		MyloaderProgress progress = new MyloaderProgress(0, 2);
		ExecutionContext context = new ExecutionContext();
		append(log, "4 threads created", "Creating table `shop`.`t`", "Thread 4 restoring `shop`.`t` part 0",
				"Thread 1 restoring `shop`.`u` part 0", "Thread 3 shutting down");

		progress.update(context, log, System.currentTimeMillis() - 2000);
		assertThat(context.getLong(ProgressContext.FILES_DONE)).isZero();
		assertThat(context.getInt(ProgressContext.PERCENT)).isZero();

		append(log, "Thread 1 shutting down");
		progress.update(context, log, System.currentTimeMillis() - 2000);
		assertThat(context.getLong(ProgressContext.FILES_DONE)).isEqualTo(1);
		assertThat(context.getInt(ProgressContext.PERCENT)).isEqualTo(50);
		assertThat(context.getLong(ProgressContext.ETA_SECONDS)).isPositive();

		append(log, "Thread 4 shutting down", "Restoring triggers for `shop`.`u`");
		progress.update(context, log, System.currentTimeMillis() - 2000);
		assertThat(context.getLong(ProgressContext.FILES_DONE)).isEqualTo(2);
		assertThat(context.getInt(ProgressContext.PERCENT)).as("triggers and views may follow").isEqualTo(99);
	}

	private static void append(Path file, String... lines) throws Exception {
		StringBuilder text = new StringBuilder();
		for (String line : lines) {
			text.append(PREFIX).append(line).append('\n');
		}
		Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

}
