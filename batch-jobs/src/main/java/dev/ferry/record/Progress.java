package dev.ferry.record;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * How far a transfer is, from the step execution context its tool tasklet commits on every poll (or, once finished,
 * from the job's results). Counts the tool cannot know are null.
 * @param phase {@code queued}, {@code dumping}, {@code loading}, {@code finished}, ...
 * @param step the step (the seed's node) it is in
 * @param bytes bytes written so far (export) or loaded (import, when known)
 * @param files files written or started
 * @param filesTotal files to load (import)
 * @param tablesDone tables whose dump started (export)
 * @param tablesTotal tables selected (export)
 * @param bytesPerSecond average speed since the tool started
 * @param etaSeconds estimated seconds left, from the done/total ratio
 * @param updatedAt when this was last committed (epoch ms)
 * @param percent percent done when it can be estimated, below 100 until it finished
 * @param estimatedFrom what the percent and ETA come from: {@code tool} (its tables or files), {@code engine} (the
 * native chain's rows and chunks) or {@code history} (earlier runs of the same schedule, when the tool reports no
 * total); null when there is no estimate
 * @param rows native chain: rows written so far
 * @param rowsTotal native chain: rows to write by the source's estimate (never below {@code rows})
 * @param chunksDone native chain: data chunks completed
 * @param chunksTotal native chain: data chunks of the export
 */
@Schema(description = "How far a transfer is. Counts the tool cannot know are null.")
public record Progress(
		@Schema(description = "queued, starting, dumping, loading, finished, ...", example = "dumping") String phase,
		@Schema(description = "The step (workflow node) it is in, e.g. exportDataFromCluster or importDataToCluster; null when not running.", example = "exportDataFromCluster") @Nullable String step,
		@Schema(description = "Bytes written so far (export) or loaded (import, when known).", example = "104857600") @Nullable Long bytes,
		@Schema(description = "Files written (export) or started (import).", example = "24") @Nullable Long files,
		@Schema(description = "Files to load (import).", example = "40") @Nullable Long filesTotal,
		@Schema(description = "Tables whose dump started (export).", example = "6") @Nullable Long tablesDone,
		@Schema(description = "Tables selected (export).", example = "12") @Nullable Long tablesTotal,
		@Schema(description = "Average speed since the tool started, in bytes per second.", example = "5242880") @Nullable Long bytesPerSecond,
		@Schema(description = "Estimated seconds left, from the done/total ratio; 0 once finished.", example = "20") @Nullable Long etaSeconds,
		@Schema(description = "When this was last committed, in epoch milliseconds.", example = "1714551330000") @Nullable Long updatedAt,
		@Schema(description = "Percent done when it can be estimated; below 100 until it finished.", example = "45") @Nullable Integer percent,
		@Schema(description = "What percent and etaSeconds come from: tool (its tables or files done of the total), engine (the native chain: rows done of the source's estimate, and chunks done) or history (a scheduled export whose tool reports no total: the median size, else duration, of the schedule's last finished exports); null when there is no estimate.", allowableValues = { "tool", "engine", "history" }, example = "tool") @Nullable String estimatedFrom,
		@Schema(description = "Native chain: rows written so far (chunks completed in earlier attempts included).", example = "1200000") @Nullable Long rows,
		@Schema(description = "Native chain: rows to write, by the source's information_schema estimate (at least rows).", example = "3000000") @Nullable Long rowsTotal,
		@Schema(description = "Native chain: data chunks (files) completed.", example = "5") @Nullable Long chunksDone,
		@Schema(description = "Native chain: data chunks (files) of the export.", example = "12") @Nullable Long chunksTotal) {

	/** The progress of the external tool chains (no rows or chunks). */
	public Progress(String phase, @Nullable String step, @Nullable Long bytes, @Nullable Long files,
			@Nullable Long filesTotal, @Nullable Long tablesDone, @Nullable Long tablesTotal,
			@Nullable Long bytesPerSecond, @Nullable Long etaSeconds, @Nullable Long updatedAt,
			@Nullable Integer percent, @Nullable String estimatedFrom) {
		this(phase, step, bytes, files, filesTotal, tablesDone, tablesTotal, bytesPerSecond, etaSeconds, updatedAt,
				percent, estimatedFrom, null, null, null, null);
	}

	static Progress queued() {
		return new Progress("queued", null, null, null, null, null, null, null, null, null, null, null);
	}

	/** The native engine's progress, summed from its partitions by its manager step. */
	private static Progress engine(String step, Map<String, Object> context) {
		Long updatedAt = number(context, "progress.updatedAt");
		Long percent = number(context, "progress.percent");
		Long eta = number(context, "progress.etaSeconds");
		Object phase = context.get("progress.phase");
		return new Progress(phase == null ? "starting" : phase.toString(), step, number(context, "progress.bytes"),
				number(context, "progress.chunksDone"), null, null, null, number(context, "progress.bytesPerSecond"),
				eta, updatedAt, percent == null ? null : percent.intValue(), percent != null ? "engine" : null,
				number(context, "progress.rows"), number(context, "progress.rowsTotal"),
				number(context, "progress.chunksDone"), number(context, "progress.chunksTotal"));
	}

	static Progress running(String step, Map<String, Object> context) {
		if (context.containsKey("progress.chunksTotal")) {
			return engine(step, context);
		}
		Long startedAt = number(context, "tool.startedAt");
		Long updatedAt = number(context, "progress.updatedAt");
		Long tablesDone = number(context, "progress.tablesStarted");
		Long tablesTotal = number(context, "progress.tablesTotal");
		Long filesDone = number(context, "progress.filesStarted");
		Long filesTotal = number(context, "progress.filesTotal");
		Long eta = null;
		if (startedAt != null && updatedAt != null) {
			eta = eta(updatedAt - startedAt, tablesDone != null ? tablesDone : filesDone,
					tablesTotal != null ? tablesTotal : filesTotal);
		}
		Object phase = context.get("progress.phase");
		Long done = tablesTotal != null ? tablesDone : filesDone;
		Long total = tablesTotal != null ? tablesTotal : filesTotal;
		Integer percent = (done == null || total == null || total <= 0) ? null
				: (int) Math.min(100, Math.max(0, done) * 100 / total);
		return new Progress(phase == null ? "starting" : phase.toString(), step, number(context, "progress.bytes"),
				filesDone != null ? filesDone : number(context, "progress.files"), filesTotal, tablesDone, tablesTotal,
				number(context, "progress.bytesPerSecond"), eta, updatedAt, percent,
				percent != null || eta != null ? "tool" : null);
	}

	static Progress finished(String phase, Map<String, Object> results) {
		Long rows = number(results, "result.rows");
		return new Progress(phase, null, number(results, "result.bytes"), number(results, "result.files"), null,
				number(results, "result.tables"), number(results, "result.tables"), null, 0L, null, 100, null,
				rows, rows, null, null);
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
				this.tablesTotal, this.bytesPerSecond, estimate.etaSeconds(), this.updatedAt, estimate.percent(),
				"history", this.rows, this.rowsTotal, this.chunksDone, this.chunksTotal);
	}

	static @Nullable Long startedAt(Map<String, Object> context) {
		return number(context, "tool.startedAt");
	}

	private static @Nullable Long eta(long elapsedMillis, @Nullable Long done, @Nullable Long total) {
		if (done == null || total == null || done <= 0 || total <= 0 || elapsedMillis <= 0) {
			return null;
		}
		long left = Math.max(0, total - done);
		return elapsedMillis * left / done / 1000;
	}

	static @Nullable Long number(Map<String, Object> context, String key) {
		return context.get(key) instanceof Number n ? n.longValue() : null;
	}

}
