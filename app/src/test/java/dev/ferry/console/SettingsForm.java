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

	/** A true/false setting: a select and its selected option. */
	private static final Pattern CHOICE = Pattern.compile(
			"<select [^>]*name=\"(values\\[\\w+])\"[^>]*>(?:(?!</select>).)*?<option value=\"([^\"]*)\" selected=\"selected\"",
			Pattern.DOTALL);

	private SettingsForm() {
	}

	/** The form's fields with the values the page shows. */
	static List<Map.Entry<String, String>> fields(String page) {
		List<Map.Entry<String, String>> fields = new ArrayList<>();
		Matcher input = FIELD.matcher(page);
		while (input.find()) {
			fields.add(Map.entry(input.group(1), input.group(2).replace("&#39;", "'").replace("&amp;", "&")));
		}
		Matcher choice = CHOICE.matcher(page);
		while (choice.find()) {
			fields.add(Map.entry(choice.group(1), choice.group(2)));
		}
		assertThat(fields).hasSize(10);
		return fields;
	}

}
