package dev.ferry.web.charts;

import java.util.ArrayList;
import java.util.List;

/**
 * A word-sized chart for the dashboard: one bar per day, no axes; the failed part of a day stacked on top in the
 * failure colour. Drawn by {@code templates/fragments/charts.html :: sparkline}.
 * @param id element id
 * @param label what it shows, for its title and screen readers
 * @param summary the numbers in words
 * @param bars one per value, oldest left
 */
public record Sparkline(String id, String label, String summary, List<Bar> bars) {

	public static final int WIDTH = 168;

	public static final int HEIGHT = 32;

	static final double GAP = 2;

	/** One day: the finished part from the baseline up, the failed part above it. */
	public record Bar(double x, double width, double y, double height, double failedY, double failedHeight,
			String detail) {
	}

	/**
	 * @param values per slot, the part that finished
	 * @param failed per slot, the part that failed (same length)
	 * @param details per slot, its tooltip
	 */
	public static Sparkline of(String id, String label, String summary, List<Double> values, List<Double> failed,
			List<String> details) {
		double max = 0;
		for (int i = 0; i < values.size(); i++) {
			max = Math.max(max, values.get(i) + failed.get(i));
		}
		int n = values.size();
		double slot = n == 0 ? WIDTH : (double) WIDTH / n;
		double width = Math.max(1, slot - GAP);
		List<Bar> bars = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			double ok = max <= 0 ? 0 : (HEIGHT - 1) * values.get(i) / max;
			double bad = max <= 0 ? 0 : (HEIGHT - 1) * failed.get(i) / max;
			ok = values.get(i) > 0 ? Math.max(1, ok) : 0;
			bad = failed.get(i) > 0 ? Math.max(1, bad) : 0;
			double y = HEIGHT - ok;
			bars.add(new Bar(round(slot * i), round(width), round(y), round(ok), round(y - bad), round(bad),
					details.get(i)));
		}
		return new Sparkline(id, label, summary, bars);
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

}
