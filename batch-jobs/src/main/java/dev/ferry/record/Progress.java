package dev.ferry.record;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * How far a transfer is, from the step execution context its running step commits ({@link ProgressContext}: a tool
 * tasklet on every poll, the native engine from its partitions) or, once finished, from the job's results. Counts a
 * step cannot know are null. While a transfer runs, the percent stays below 100 and never goes down, the ETA is not 0,
 * and a step that reports nothing of its own (recording the result) shows the last progress reported.
 * @param phase {@code queued}, {@code starting}, {@code dumping}, {@code loading}, {@code finishing},
 * {@code finished}, ...
 * @param step the step (the seed's node) it is in
 * @param bytes bytes written so far (export) or loaded (import, when known)
 * @param files files written (export) or completely loaded (import)
 * @param filesTotal files to load (import)
 * @param tablesDone tables completely dumped (export)
 * @param tablesTotal tables selected (export)
 * @param rows rows written so far (export)
 * @param rowsTotal rows expected by the source's statistics, raised to the rows seen (export)
 * @param chunksDone chunks done (native engine)
 * @param chunksTotal chunks planned (native engine)
 * @param bytesPerSecond average speed since the tool started
 * @param etaSeconds estimated seconds left; null while it cannot be told, never 0 while the transfer runs
 * @param updatedAt when this was last committed (epoch ms)
 * @param percent percent done when it can be estimated, below 100 until it finished, never lower than before
 * @param estimatedFrom what the percent and ETA come from: {@code tool} (its rows, tables, files or chunks) or
 * {@code history} (earlier runs of the same schedule, when the tool reports no total); null when there is no estimate
 */
@Schema(description = "How far a transfer is. Counts the tool cannot know are null. While it runs, percent stays "
		+ "below 100 and never goes down, etaSeconds is never 0, and a step that reports nothing itself (recording "
		+ "the result) shows the last progress reported, with phase finishing.")
public record Progress(
		@Schema(description = "queued, starting, dumping, loading, finishing, finished, ...", example = "dumping") String phase,
		@Schema(description = "The step (workflow node) it is in, e.g. exportDataFromCluster or importDataToCluster; null when not running.", example = "exportDataFromCluster") @Nullable String step,
		@Schema(description = "Bytes written so far (export) or loaded (import, when known).", example = "104857600") @Nullable Long bytes,
		@Schema(description = "Files written (export) or completely loaded (import).", example = "24") @Nullable Long files,
		@Schema(description = "Files to load (import).", example = "40") @Nullable Long filesTotal,
		@Schema(description = "Tables completely dumped (export); a table being dumped is not done.", example = "6") @Nullable Long tablesDone,
		@Schema(description = "Tables selected (export).", example = "12") @Nullable Long tablesTotal,
		@Schema(description = "Rows written so far (export).", example = "1500000") @Nullable Long rows,
		@Schema(description = "Rows expected (export): the source's statistics (information_schema), raised to the rows seen.", example = "3000000") @Nullable Long rowsTotal,
		@Schema(description = "Chunks done (native tool chain).", example = "17") @Nullable Long chunksDone,
		@Schema(description = "Chunks planned (native tool chain).", example = "40") @Nullable Long chunksTotal,
		@Schema(description = "Average speed since the tool started, in bytes per second.", example = "5242880") @Nullable Long bytesPerSecond,
		@Schema(description = "Estimated seconds left at the pace so far; null while it cannot be told; never 0 while the transfer runs.", example = "20") @Nullable Long etaSeconds,
		@Schema(description = "When this was last committed, in epoch milliseconds.", example = "1714551330000") @Nullable Long updatedAt,
		@Schema(description = "Percent done when it can be estimated; below 100 until it finished, never lower than before.", example = "45") @Nullable Integer percent,
		@Schema(description = "What percent and etaSeconds come from: tool (its rows, tables, files or chunks done of the total) or history (a scheduled export whose tool reports no total: the median size, else duration, of the schedule's last finished exports); null when there is no estimate.", allowableValues = { "tool", "history" }, example = "tool") @Nullable String estimatedFrom) {

	/** The phase of a step that reports nothing itself, after one that did. */
	static final String FINISHING = "finishing";

	static Progress queued() {
		return new Progress("queued", null, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null);
	}

	/** Whether this step's context holds progress of its own. */
	static boolean reports(Map<String, Object> context) {
		return context.containsKey(ProgressContext.PHASE);
	}

	static Progress running(String step, Map<String, Object> context) {
		Long percent = number(context, ProgressContext.PERCENT);
		Long eta = number(context, ProgressContext.ETA_SECONDS);
		Object phase = context.get(ProgressContext.PHASE);
		Long files = number(context, ProgressContext.FILES_DONE);
		return new Progress(phase == null ? "starting" : phase.toString(), step,
				number(context, ProgressContext.BYTES), files != null ? files : number(context, ProgressContext.FILES),
				number(context, ProgressContext.FILES_TOTAL), number(context, ProgressContext.TABLES_DONE),
				number(context, ProgressContext.TABLES_TOTAL), number(context, ProgressContext.ROWS),
				number(context, ProgressContext.ROWS_TOTAL), number(context, ProgressContext.CHUNKS_DONE),
				number(context, ProgressContext.CHUNKS_TOTAL), number(context, ProgressContext.BYTES_PER_SECOND), eta,
				number(context, ProgressContext.UPDATED_AT), percent == null ? null : percent.intValue(),
				percent != null || eta != null ? "tool" : null);
	}

	/**
	 * This progress, reported by an earlier step, while {@code step} runs and reports nothing itself: the counts and
	 * the percent stay, the phase is {@code finishing}.
	 */
	Progress carriedInto(String step) {
		return new Progress(FINISHING, step, this.bytes, this.files, this.filesTotal, this.tablesDone, this.tablesTotal,
				this.rows, this.rowsTotal, this.chunksDone, this.chunksTotal, this.bytesPerSecond,
				this.etaSeconds == null ? null : Math.max(1, this.etaSeconds), this.updatedAt, this.percent,
				this.estimatedFrom);
	}

	static Progress finished(String phase, Map<String, Object> results) {
		return new Progress(phase, null, number(results, "result.bytes"), number(results, "result.files"), null,
				number(results, "result.tables"), number(results, "result.tables"), number(results, "result.rows"),
				null, null, null, null, 0L, null, 100, null);
	}

	/**
	 * This running progress with a percent and ETA from earlier runs ({@link ExpectedRun}), only when the tool gave
	 * no estimate of its own: {@link HistoryEta}.
	 */
	Progress withHistory(ExpectedRun expected, long elapsedMillis, boolean bytesGrowOnly) {
		if (this.etaSeconds != null || this.percent != null) {
			return this;
		}
		HistoryEta.Estimate estimate = HistoryEta.estimate(expected, elapsedMillis, this.bytes, bytesGrowOnly);
		if (estimate == null) {
			return this;
		}
		return new Progress(this.phase, this.step, this.bytes, this.files, this.filesTotal, this.tablesDone,
				this.tablesTotal, this.rows, this.rowsTotal, this.chunksDone, this.chunksTotal, this.bytesPerSecond,
				estimate.etaSeconds(), this.updatedAt, estimate.percent(), "history");
	}

	static @Nullable Long startedAt(Map<String, Object> context) {
		return number(context, "tool.startedAt");
	}

	static @Nullable Long number(Map<String, Object> context, String key) {
		return context.get(key) instanceof Number n ? n.longValue() : null;
	}

}
