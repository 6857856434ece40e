package dev.ferry.web.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * One chart, scaled for {@code templates/fragments/charts.html :: chart}: a bar or line chart of one value per run,
 * oldest left, on a zero-based y axis rounded up to a readable maximum. Every point is one mark (a failed run too: in
 * the failure colour, at its value or on the baseline when it has none). The axis has {@link #Y_TICKS} steps of a
 * readable size (1, 2, 2.5 or 5 times a power of ten, in the unit that suits the largest value). Texts are plain strings: the template
 * escapes them.
 * @param id element id (letters, digits and dashes)
 * @param title the chart's title
 * @param summary one sentence for screen readers: count, failures, latest and median
 * @param kind bars or a line
 * @param marks one per point, in order
 * @param line the polyline through the finished points with a value ({@code "x,y x,y"}), empty for bars
 * @param yTicks gridlines and labels of the y axis, from the baseline up
 * @param xTicks labels of the x axis
 */
public record SvgChart(String id, String title, String summary, Kind kind, List<Mark> marks, String line,
		List<Tick> yTicks, List<Tick> xTicks) {

	public static final int WIDTH = 640;

	public static final int HEIGHT = 230;

	public static final int LEFT = 76;

	public static final int RIGHT = 16;

	public static final int TOP = 34;

	public static final int BOTTOM = 36;

	static final int Y_TICKS = 4;

	public enum Kind {

		BAR, LINE

	}

	/**
	 * One value to draw.
	 * @param label its x-axis label (a date)
	 * @param value null when unknown (a failed run's size)
	 * @param failed drawn in the failure colour
	 * @param detail its tooltip
	 * @param href where clicking it leads, or null
	 */
	public record Point(String label, @Nullable Double value, boolean failed, String detail, @Nullable String href) {
	}

	/** A drawn point: a bar's rectangle (x, y, width, height) or a marker centred on (cx, cy). */
	public record Mark(double x, double y, double width, double height, double cx, double cy, boolean failed,
			boolean known, String detail, @Nullable String href) {
	}

	public record Tick(double position, String label) {
	}

	public static int plotWidth() {
		return WIDTH - LEFT - RIGHT;
	}

	public static int plotHeight() {
		return HEIGHT - TOP - BOTTOM;
	}

	public static int baseline() {
		return HEIGHT - BOTTOM;
	}

	public boolean empty() {
		return this.marks.isEmpty();
	}

	public static SvgChart of(String id, String title, Kind kind, ChartUnit unit, List<Point> points) {
		double max = points.stream()
			.map(Point::value)
			.filter((v) -> v != null && Double.isFinite(v))
			.mapToDouble(Double::doubleValue)
			.max()
			.orElse(0);
		int scale = unit.scaleFor(max);
		double top = niceCeiling(max / unit.divisor(scale) / Y_TICKS) * Y_TICKS * unit.divisor(scale);
		List<Tick> yTicks = new ArrayList<>();
		for (int i = 0; i <= Y_TICKS; i++) {
			double value = top * i / Y_TICKS;
			yTicks.add(new Tick(round(baseline() - plotHeight() * (double) i / Y_TICKS), unit.axisLabel(value, scale)));
		}
		int n = points.size();
		double slot = n == 0 ? plotWidth() : (double) plotWidth() / n;
		double barWidth = Math.max(1, Math.min(48, slot * 0.7));
		List<Mark> marks = new ArrayList<>(n);
		List<String> line = new ArrayList<>();
		List<Tick> xTicks = new ArrayList<>();
		int every = Math.max(1, (int) Math.ceil(n / 5.0));
		for (int i = 0; i < n; i++) {
			Point point = points.get(i);
			double cx = round(LEFT + slot * (i + 0.5));
			boolean known = point.value() != null && Double.isFinite(point.value()) && point.value() >= 0;
			double height = known ? Math.max(point.failed() || point.value() > 0 ? 2 : 0,
					plotHeight() * Math.min(1, point.value() / top)) : 3;
			double cy = round(baseline() - (known ? height : 0));
			marks.add(new Mark(round(cx - barWidth / 2), round(baseline() - height), round(barWidth), round(height), cx,
					cy, point.failed(), known, point.detail(), point.href()));
			if (kind == Kind.LINE && known && !point.failed()) {
				line.add(number(cx) + "," + number(cy));
			}
			if (i % every == 0 || (i == n - 1 && (n - 1) % every > every / 2)) {
				xTicks.add(new Tick(cx, point.label()));
			}
		}
		String summary = summary(points, unit);
		return new SvgChart(id, title, summary, kind, marks, String.join(" ", line), yTicks, xTicks);
	}

	/** The smallest of 1, 2, 2.5, 5 or 10 times a power of ten that is at least {@code value}; 1 for nothing. */
	static double niceCeiling(double value) {
		if (!(value > 0) || !Double.isFinite(value)) {
			return 1;
		}
		double power = Math.pow(10, Math.floor(Math.log10(value)));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (step * power >= value * (1 - 1e-12)) {
				return step * power;
			}
		}
		return 10 * power;
	}

	private static String summary(List<Point> points, ChartUnit unit) {
		long failed = points.stream().filter(Point::failed).count();
		List<Double> known = points.stream()
			.filter((p) -> !p.failed() && p.value() != null)
			.map(Point::value)
			.sorted()
			.collect(Collectors.toList());
		StringBuilder text = new StringBuilder().append(points.size())
			.append(points.size() == 1 ? " export" : " exports")
			.append(", ")
			.append(failed)
			.append(" failed");
		Point latest = points.isEmpty() ? null : points.get(points.size() - 1);
		if (latest != null && latest.value() != null) {
			text.append("; latest ").append(unit.format(latest.value()));
		}
		if (!known.isEmpty()) {
			text.append("; median ").append(unit.format(known.get(known.size() / 2)));
			text.append("; highest ").append(unit.format(known.get(known.size() - 1)));
		}
		return text.append('.').toString();
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	static String number(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

}
