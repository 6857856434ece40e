package dev.ferry.web.charts;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ferry.record.ExportRun;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart model: scaling, empty data, one point, huge values, failed runs, the dashboard's days. */
class SvgChartTests {

	static final OffsetDateTime T0 = OffsetDateTime.of(2026, 12, 1, 2, 0, 0, 0, ZoneOffset.UTC);

	@Test
	void barsScaleToAReadableMaximumOnAZeroBaseline() {
		SvgChart chart = SvgChart.of("c", "Size", SvgChart.Kind.BAR, ChartUnit.BYTES,
				List.of(point(300.0 * 1024 * 1024, false), point(600.0 * 1024 * 1024, false),
						point(450.0 * 1024 * 1024, false)));

		assertThat(chart.yTicks()).extracting(SvgChart.Tick::label)
			.containsExactly("0 MiB", "200 MiB", "400 MiB", "600 MiB", "800 MiB");
		assertThat(chart.yTicks().get(0).position()).isEqualTo(SvgChart.baseline());
		assertThat(chart.yTicks().get(4).position()).isEqualTo(SvgChart.TOP);
		assertThat(chart.marks()).hasSize(3);
		SvgChart.Mark highest = chart.marks().get(1);
		assertThat(highest.height()).isCloseTo(SvgChart.plotHeight() * 0.75, org.assertj.core.data.Offset.offset(0.1));
		assertThat(highest.y() + highest.height()).isEqualTo(SvgChart.baseline());
		assertThat(chart.marks()).allSatisfy((m) -> {
			assertThat(m.x()).isGreaterThanOrEqualTo(SvgChart.LEFT);
			assertThat(m.x() + m.width()).isLessThanOrEqualTo(SvgChart.WIDTH - SvgChart.RIGHT);
		});
		assertThat(chart.line()).as("bars draw no line").isEmpty();
		assertThat(chart.summary()).isEqualTo("3 exports, 0 failed; latest 450 MiB; median 450 MiB; highest 600 MiB.");
	}

	@Test
	void noDataIsAnEmptyChart() {
		SvgChart chart = SvgChart.of("c", "Size", SvgChart.Kind.LINE, ChartUnit.SECONDS, List.of());

		assertThat(chart.empty()).isTrue();
		assertThat(chart.marks()).isEmpty();
		assertThat(chart.line()).isEmpty();
		assertThat(chart.yTicks()).extracting(SvgChart.Tick::label).containsExactly("0 s", "1 s", "2 s", "3 s", "4 s");
		assertThat(ExportCharts.of("s", "x", List.of()).empty()).isTrue();
	}

	@Test
	void aSinglePointSitsInTheMiddleAndIsNotAlone() {
		SvgChart chart = SvgChart.of("c", "Duration", SvgChart.Kind.LINE, ChartUnit.SECONDS, List.of(point(90.0, false)));

		assertThat(chart.marks()).hasSize(1);
		SvgChart.Mark mark = chart.marks().get(0);
		assertThat(mark.cx()).isEqualTo(SvgChart.LEFT + SvgChart.plotWidth() / 2.0);
		assertThat(mark.cy()).isBetween((double) SvgChart.TOP, (double) SvgChart.baseline());
		assertThat(chart.line()).isEqualTo(SvgChart.number(mark.cx()) + "," + SvgChart.number(mark.cy()));
		assertThat(chart.xTicks()).hasSize(1);
		assertThat(chart.yTicks()).extracting(SvgChart.Tick::label).containsExactly("0 s", "25 s", "50 s", "75 s",
				"100 s");
	}

	@Test
	void hugeValuesStayInsideThePlot() {
		SvgChart chart = SvgChart.of("c", "Size", SvgChart.Kind.BAR, ChartUnit.BYTES,
				List.of(point((double) Long.MAX_VALUE, false), point(1.0, false), point(0.0, false)));

		assertThat(chart.marks()).allSatisfy((m) -> {
			assertThat(m.y()).isBetween((double) SvgChart.TOP, (double) SvgChart.baseline());
			assertThat(m.height()).isBetween(0.0, (double) SvgChart.plotHeight());
		});
		assertThat(chart.yTicks()).extracting(SvgChart.Tick::label).last().isEqualTo("8 EiB");
		assertThat(chart.marks().get(2).height()).as("zero draws nothing").isZero();
	}

	@Test
	void failedRunsAreMarkedAndLeftOutOfTheLine() {
		SvgChart chart = SvgChart.of("c", "Throughput", SvgChart.Kind.LINE, ChartUnit.BYTES_PER_SECOND,
				List.of(point(1000.0, false), point(null, true), point(3000.0, false)));

		assertThat(chart.marks()).extracting(SvgChart.Mark::failed).containsExactly(false, true, false);
		SvgChart.Mark failed = chart.marks().get(1);
		assertThat(failed.known()).isFalse();
		assertThat(failed.cy()).as("a failure without a value sits on the baseline").isEqualTo(SvgChart.baseline());
		assertThat(chart.line().split(" ")).hasSize(2);
		assertThat(chart.summary()).startsWith("3 exports, 1 failed;");
	}

	@Test
	void xLabelsAreThinnedOnLongSeries() {
		List<SvgChart.Point> points = java.util.stream.IntStream.range(0, 30).mapToObj((i) -> point(i * 10.0, false))
			.toList();
		SvgChart chart = SvgChart.of("c", "Size", SvgChart.Kind.BAR, ChartUnit.BYTES, points);
		assertThat(chart.marks()).hasSize(30);
		assertThat(chart.xTicks()).hasSizeBetween(5, 7);
	}

	@Test
	void smallValuesGetWholeSteps() {
		SvgChart chart = SvgChart.of("c", "Duration", SvgChart.Kind.LINE, ChartUnit.SECONDS,
				List.of(point(2.1, false), point(0.6, false)));
		assertThat(chart.yTicks()).extracting(SvgChart.Tick::label).containsExactly("0 s", "1 s", "2 s", "3 s", "4 s");
	}

	@Test
	void unitsReadWell() {
		assertThat(ChartUnit.BYTES.format(1536)).isEqualTo("1.5 KiB");
		assertThat(ChartUnit.BYTES_PER_SECOND.format(5 * 1024 * 1024)).isEqualTo("5 MiB/s");
		assertThat(ChartUnit.SECONDS.format(45)).isEqualTo("45 s");
		assertThat(ChartUnit.SECONDS.format(600)).isEqualTo("10 min");
		assertThat(ChartUnit.SECONDS.format(3 * 3600)).isEqualTo("3 h");
		assertThat(SvgChart.niceCeiling(0)).isEqualTo(1);
		assertThat(SvgChart.niceCeiling(3)).isEqualTo(5);
		assertThat(SvgChart.niceCeiling(2.1)).isEqualTo(2.5);
		assertThat(SvgChart.niceCeiling(100)).isEqualTo(100);
	}

	@Test
	void exportChartsDrawSizeDurationAndThroughputWithLinks() {
		ExportCharts charts = ExportCharts.of("schedule-3", "nightly",
				List.of(new ExportRun(41, false, T0, T0.plusSeconds(100), 1000L * 1024),
						new ExportRun(42, true, T0.plusDays(1), T0.plusDays(1).plusSeconds(10), null)));

		assertThat(charts.runs()).isEqualTo(2);
		assertThat(charts.failed()).isEqualTo(1);
		assertThat(charts.charts()).extracting(SvgChart::id)
			.containsExactly("schedule-3-size", "schedule-3-duration", "schedule-3-throughput");
		assertThat(charts.charts()).allSatisfy((c) -> assertThat(c.marks()).hasSize(2));
		SvgChart.Mark first = charts.charts().get(2).marks().get(0);
		assertThat(first.href()).isEqualTo("/transfers/41");
		assertThat(first.detail()).startsWith("#41 · Finished · ended ").endsWith("· 10 KiB/s");
		assertThat(charts.charts().get(1).marks().get(1).detail()).contains("#42 · Failed").endsWith("· 10 s");
	}

	@Test
	void sparklinesCountEachDayAndStackFailures() {
		LocalDate today = LocalDate.of(2026, 12, 7);
		OffsetDateTime noon = today.atTime(12, 0).atOffset(ZoneOffset.UTC);
		List<Sparkline> lines = DailyExports.of(List.of(new ExportRun(1, false, noon.minusHours(1), noon, 2048L),
				new ExportRun(2, false, noon.minusHours(1), noon, 2048L),
				new ExportRun(3, true, noon.minusHours(1), noon, null),
				new ExportRun(4, false, noon.minusDays(3), noon.minusDays(3), 1024L),
				new ExportRun(5, false, noon.minusDays(30), noon.minusDays(30), 1L << 40)), today, ZoneOffset.UTC);

		Sparkline exports = lines.get(0);
		assertThat(exports.bars()).hasSize(DailyExports.DAYS);
		Sparkline.Bar last = exports.bars().get(DailyExports.DAYS - 1);
		assertThat(last.height() + last.failedHeight()).isCloseTo(Sparkline.HEIGHT - 1,
				org.assertj.core.data.Offset.offset(0.2));
		assertThat(last.failedHeight()).isPositive();
		assertThat(last.detail()).isEqualTo("2026-12-07: 2 finished, 1 failed");
		assertThat(exports.summary()).isEqualTo("3 finished, 1 failed in 14 days.");
		assertThat(lines.get(1).summary()).as("older than 14 days left out").isEqualTo("5 KiB exported in 14 days.");
		assertThat(exports.bars().get(0).height()).isZero();
	}

	private static SvgChart.Point point(Double value, boolean failed) {
		return new SvgChart.Point("12-01 02:00", value, failed, "detail", null);
	}

}
