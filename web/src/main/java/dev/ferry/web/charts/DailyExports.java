package dev.ferry.web.charts;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import dev.ferry.record.ExportRun;

/** The dashboard's sparklines: exports per day (failed ones on top) and bytes exported per day, by the day they ended. */
public final class DailyExports {

	/** How many days the sparklines cover, today included. */
	public static final int DAYS = 14;

	private DailyExports() {
	}

	/** [exports per day, bytes per day] for the {@link #DAYS} days up to {@code today}. */
	public static List<Sparkline> of(List<ExportRun> runs, LocalDate today, ZoneId zone) {
		LocalDate first = today.minusDays(DAYS - 1);
		double[] finished = new double[DAYS];
		double[] failed = new double[DAYS];
		double[] bytes = new double[DAYS];
		for (ExportRun run : runs) {
			LocalDate day = run.endTime().atZoneSameInstant(zone).toLocalDate();
			int index = (int) (day.toEpochDay() - first.toEpochDay());
			if (index < 0 || index >= DAYS) {
				continue;
			}
			if (run.failed()) {
				failed[index]++;
			}
			else {
				finished[index]++;
				bytes[index] += run.bytes() == null ? 0 : run.bytes();
			}
		}
		List<Double> okCounts = new ArrayList<>();
		List<Double> failedCounts = new ArrayList<>();
		List<Double> sizes = new ArrayList<>();
		List<Double> none = new ArrayList<>();
		List<String> countDetails = new ArrayList<>();
		List<String> sizeDetails = new ArrayList<>();
		long totalOk = 0;
		long totalFailed = 0;
		double totalBytes = 0;
		for (int i = 0; i < DAYS; i++) {
			LocalDate day = first.plusDays(i);
			okCounts.add(finished[i]);
			failedCounts.add(failed[i]);
			sizes.add(bytes[i]);
			none.add(0.0);
			countDetails.add(day + ": " + (long) finished[i] + " finished, " + (long) failed[i] + " failed");
			sizeDetails.add(day + ": " + ChartUnit.BYTES.format(bytes[i]) + " exported");
			totalOk += (long) finished[i];
			totalFailed += (long) failed[i];
			totalBytes += bytes[i];
		}
		return List.of(
				Sparkline.of("spark-exports", "Exports per day, last " + DAYS + " days",
						totalOk + " finished, " + totalFailed + " failed in " + DAYS + " days.", okCounts, failedCounts,
						countDetails),
				Sparkline.of("spark-bytes", "Bytes exported per day, last " + DAYS + " days",
						ChartUnit.BYTES.format(totalBytes) + " exported in " + DAYS + " days.", sizes, none,
						sizeDetails));
	}

}
