package dev.ferry.web.settings;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.ferry.config.FerryProperties;
import dev.ferry.config.Setting;

/** The editable settings as the form submits them: {@code values[exportRoot]} and so on, by {@link Setting#field()}. */
class SettingsForm {

	private Map<String, String> values = new LinkedHashMap<>();

	static SettingsForm of(FerryProperties current) {
		SettingsForm form = new SettingsForm();
		for (Setting setting : Setting.values()) {
			String value = setting.valueIn(current);
			form.values.put(setting.field(),
					setting.type() == Setting.Type.PATH ? java.nio.file.Path.of(value).toAbsolutePath().normalize().toString()
							: value);
		}
		return form;
	}

	String value(Setting setting) {
		String value = this.values.get(setting.field());
		return value == null ? "" : value;
	}

	public Map<String, String> getValues() {
		return this.values;
	}

	public void setValues(Map<String, String> values) {
		this.values = values;
	}

}
