package dev.ferry.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's settings form, as its page shows it. */
final class SettingsForm {

	private static final Pattern FIELD = Pattern.compile("name=\"(values\\[\\w+])\"\\s+value=\"([^\"]*)\"");

	private SettingsForm() {
	}

	/** The form's fields with the values the page shows. */
	static List<Map.Entry<String, String>> fields(String page) {
		List<Map.Entry<String, String>> fields = new ArrayList<>();
		Matcher input = FIELD.matcher(page);
		while (input.find()) {
			fields.add(Map.entry(input.group(1), input.group(2).replace("&#39;", "'").replace("&amp;", "&")));
		}
		assertThat(fields).hasSize(9);
		return fields;
	}

}
