package dev.ferry.web.settings;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.ferry.config.FerryProperties;
import dev.ferry.config.Setting;
import dev.ferry.config.SettingsService;

/**
 * The checks of the settings in effect: each tool ({@code --version}) and each storage root (writable, free space).
 * Shown on the settings page and the dashboard's "Tools and storage" card.
 */
@Component
public class HealthChecks {

	/** The dashboard is loaded often; a tool's version is asked at most once a minute. */
	static final java.time.Duration TOOL_CHECK_TTL = java.time.Duration.ofMinutes(1);

	private final SettingsService settings;

	private final Map<String, Cached> toolChecks = new java.util.concurrent.ConcurrentHashMap<>();

	HealthChecks(SettingsService settings) {
		this.settings = settings;
	}

	private ToolCheck cachedToolCheck(String configured) {
		java.time.Instant now = java.time.Instant.now();
		Cached cached = this.toolChecks.get(configured);
		if (cached == null || cached.at().plus(TOOL_CHECK_TTL).isBefore(now)) {
			cached = new Cached(now, ToolCheck.of(configured));
			this.toolChecks.put(configured, cached);
		}
		return cached.check();
	}

	private record Cached(java.time.Instant at, ToolCheck check) {
	}

	/** Each tool setting with its check; dumpling and lightning only when set (else TiUP runs them). */
	public Map<Setting, ToolCheck> tools() {
		FerryProperties current = this.settings.current();
		Map<Setting, ToolCheck> checks = new LinkedHashMap<>();
		for (Setting setting : Setting.values()) {
			if (setting.type() == Setting.Type.TOOL
					|| setting.type() == Setting.Type.OPTIONAL_TOOL && !setting.valueIn(current).isBlank()) {
				checks.put(setting, cachedToolCheck(setting.valueIn(current)));
			}
		}
		return checks;
	}

	/** The export and import roots with their checks. */
	public Map<Setting, StorageCheck> storage() {
		FerryProperties current = this.settings.current();
		Map<Setting, StorageCheck> checks = new LinkedHashMap<>();
		checks.put(Setting.EXPORT_ROOT, StorageCheck.of(current.exportRoot().toAbsolutePath()));
		checks.put(Setting.IMPORT_ROOT, StorageCheck.of(current.importRoot().toAbsolutePath()));
		return checks;
	}

	/** The check of one setting's (not yet saved) value: a tool or a root; numbers and booleans have none. */
	public static Object check(Setting setting, String value) {
		return switch (setting.type()) {
			case PATH -> StorageCheck.of(Path.of(value.strip()));
			case TOOL, OPTIONAL_TOOL -> ToolCheck.of(value.strip());
			case NUMBER, BOOLEAN -> throw new IllegalArgumentException(setting.key() + " has no check");
		};
	}

}
