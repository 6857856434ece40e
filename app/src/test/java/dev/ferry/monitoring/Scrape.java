package dev.ferry.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** One scrape of {@code /actuator/prometheus} (text format), parsed into samples. */
record Scrape(List<Sample> samples) {

	/** One line: a metric name, its labels and its value. */
	record Sample(String name, Map<String, String> labels, double value) {

		boolean has(Map<String, String> wanted) {
			return this.labels.entrySet().containsAll(wanted.entrySet());
		}

	}

	static Scrape parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			samples.add(sample(line));
		}
		return new Scrape(samples);
	}

	/** Every metric name with at least one sample. */
	Set<String> names() {
		return this.samples.stream().map(Sample::name).collect(Collectors.toCollection(TreeSet::new));
	}

	/** The sum of the samples of {@code name} whose labels include {@code labels} (0 if there is none). */
	double value(String name, Map<String, String> labels) {
		return this.samples.stream()
			.filter((s) -> s.name().equals(name) && s.has(labels))
			.mapToDouble(Sample::value)
			.sum();
	}

	double value(String name) {
		return value(name, Map.of());
	}

	List<Sample> all(String name) {
		return this.samples.stream().filter((s) -> s.name().equals(name)).toList();
	}

	private static Sample sample(String line) {
		int brace = line.indexOf('{');
		int space = line.indexOf(' ');
		if (brace < 0 || brace > space) {
			return new Sample(line.substring(0, space), Map.of(), number(line.substring(space + 1)));
		}
		String name = line.substring(0, brace);
		Map<String, String> labels = new LinkedHashMap<>();
		int i = brace + 1;
		while (line.charAt(i) != '}') {
			int equals = line.indexOf('=', i);
			String label = line.substring(i, equals);
			StringBuilder value = new StringBuilder();
			int j = equals + 2; // skip ="
			while (line.charAt(j) != '"') {
				char c = line.charAt(j);
				if (c == '\\') {
					char escaped = line.charAt(++j);
					value.append(escaped == 'n' ? '\n' : escaped);
				}
				else {
					value.append(c);
				}
				j++;
			}
			labels.put(label, value.toString());
			i = j + 1;
			if (line.charAt(i) == ',') {
				i++;
			}
		}
		return new Sample(name, labels, number(line.substring(i + 1).strip().split(" ")[0]));
	}

	private static double number(String text) {
		return switch (text.strip().split(" ")[0]) {
			case "+Inf" -> Double.POSITIVE_INFINITY;
			case "-Inf" -> Double.NEGATIVE_INFINITY;
			case "NaN" -> Double.NaN;
			default -> Double.parseDouble(text.strip().split(" ")[0]);
		};
	}

}
