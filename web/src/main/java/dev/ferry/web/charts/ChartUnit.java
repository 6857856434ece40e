package dev.ferry.web.charts;

import java.util.Locale;

/** What a chart's values measure, and how its axis and tooltips write them. */
public enum ChartUnit {

	BYTES(new String[] { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" }, 1024, ""),
	BYTES_PER_SECOND(new String[] { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" }, 1024, "/s"),
	SECONDS(new String[] { "s", "min", "h" }, 60, ""),
	COUNT(new String[] { "" }, 1, "");

	private final String[] names;

	private final double step;

	private final String suffix;

	ChartUnit(String[] names, double step, String suffix) {
		this.names = names;
		this.step = step;
		this.suffix = suffix;
	}

	/** The scale an axis up to {@code max} is written in: the largest unit that keeps the maximum at least 1. */
	int scaleFor(double max) {
		int scale = 0;
		double value = max;
		while (value >= this.step * (this == SECONDS ? 2 : 1) && scale < this.names.length - 1) {
			value /= this.step;
			scale++;
		}
		return scale;
	}

	double divisor(int scale) {
		return Math.pow(this.step, scale);
	}

	/** An axis label: {@code value} in the given scale. */
	String axisLabel(double value, int scale) {
		return number(value / divisor(scale)) + unitName(scale);
	}

	/** A tooltip value, in the scale that suits it. */
	public String format(double value) {
		return axisLabel(value, scaleFor(Math.abs(value)));
	}

	private String unitName(int scale) {
		String name = this.names[scale];
		return name.isEmpty() && this.suffix.isEmpty() ? "" : " " + name + this.suffix;
	}

	private static String number(double value) {
		if (Math.abs(value - Math.rint(value)) < 1e-9) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
		return String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.2f" : "%.1f", value).replaceAll("\\.?0+$", "");
	}

}
