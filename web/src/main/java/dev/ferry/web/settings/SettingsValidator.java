package dev.ferry.web.settings;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

import dev.ferry.config.Setting;
import dev.ferry.error.FerryException;

/**
 * Checks a settings form before it is stored: syntax and ranges ({@link Setting#normalize}), roots absolute and
 * existing-or-creatable and writable ({@link StorageCheck}), tools found
 * ({@link ToolCheck}; its version is shown, not judged). Each problem is a field error on {@code values[<field>]}.
 * A root or tool is checked on this host only when its own value changes: a host without TiUP can still change
 * {@code maxConcurrentTransfers}, and a transfer that needs a missing tool says so when it starts.
 */
final class SettingsValidator {

	private SettingsValidator() {
	}

	/**
	 * The normalised values of the settings that passed; errors for the others.
	 * @param current the values in force, whose roots and tools are not checked again
	 */
	static Map<Setting, String> validate(SettingsForm form, SettingsForm current, Errors errors) {
		Map<Setting, String> valid = new EnumMap<>(Setting.class);
		for (Setting setting : Setting.values()) {
			String field = "values[" + setting.field() + "]";
			String value;
			try {
				value = setting.normalize(form.value(setting));
			}
			catch (FerryException ex) {
				errors.rejectValue(field, "settings.invalid", ex.getMessage());
				continue;
			}
			String problem = value.equals(current.value(setting)) ? null : switch (setting.type()) {
				case PATH -> StorageCheck.of(Path.of(value)).problem();
				case TOOL -> notFound(value);
				case OPTIONAL_TOOL -> value.isEmpty() ? null : notFound(value);
				case NUMBER, BOOLEAN -> null;
			};
			if (problem != null) {
				errors.rejectValue(field, "settings.invalid", value + ": " + problem);
				continue;
			}
			valid.put(setting, value);
		}
		return valid;
	}

	/** A tool must be found; what its --version says is shown, not judged (some builds exit non-zero there). */
	private static @Nullable String notFound(String value) {
		ToolCheck check = ToolCheck.of(value);
		return check.path() == null ? check.problem() : null;
	}

}
