package dev.ferry.web.charts;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.ferry.record.ExportRun;

/**
 * The history charts of a schedule's or a cluster's page: export size, duration and throughput of its last settled
 * exports, each point linking to its transfer.
 * @param charts size, duration, throughput
 * @param runs how many exports they show
 * @param failed how many of them failed
 */
public record ExportCharts(List<SvgChart> charts, int runs, long failed) {

	/** How many exports the pages chart. */
	public static final int RUNS = 30;

	private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("MM-dd HH:mm");

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

	public boolean empty() {
		return this.runs == 0;
	}

	/**
	 * @param id prefix of the charts' element ids
	 * @param subject what they are of (a schedule's or cluster's name), part of each title
	 * @param history the runs, oldest first
	 */
	public static ExportCharts of(String id, String subject, List<ExportRun> history) {
		List<SvgChart> charts = List.of(
				chart(id + "-size", "Export size · " + subject, SvgChart.Kind.BAR, ChartUnit.BYTES, history,
						(run) -> run.bytes() == null ? null : run.bytes().doubleValue()),
				chart(id + "-duration", "Duration · " + subject, SvgChart.Kind.LINE, ChartUnit.SECONDS, history,
						(run) -> run.duration().toMillis() / 1000.0),
				chart(id + "-throughput", "Throughput · " + subject, SvgChart.Kind.LINE, ChartUnit.BYTES_PER_SECOND,
						history, (run) -> run.bytesPerSecond() == null ? null : run.bytesPerSecond().doubleValue()));
		return new ExportCharts(charts, history.size(), history.stream().filter(ExportRun::failed).count());
	}

	private static SvgChart chart(String id, String title, SvgChart.Kind kind, ChartUnit unit, List<ExportRun> runs,
			Function<ExportRun, @Nullable Double> value) {
		return SvgChart.of(id, title, kind, unit, runs.stream().map((run) -> point(run, unit, value.apply(run))).toList());
	}

	private static SvgChart.Point point(ExportRun run, ChartUnit unit, @Nullable Double value) {
		String when = run.endTime().atZoneSameInstant(ZoneId.systemDefault()).format(WHEN);
		String detail = "#" + run.recordId() + " · " + (run.failed() ? "Failed" : "Finished") + " · ended " + when
				+ " · " + (value == null ? "unknown" : unit.format(value));
		return new SvgChart.Point(run.endTime().atZoneSameInstant(ZoneId.systemDefault()).format(LABEL), value,
				run.failed(), detail, "/transfers/" + run.recordId());
	}

}
