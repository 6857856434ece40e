package dev.ferry.config;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.EnumMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ferry.error.FerryException;

/**
 * Ferry's effective settings: {@link FerryProperties} (application.yml and the environment) overlaid with the values
 * changed in the console, stored in {@code FERRY_SETTING} (key, value). The engine reads {@link #current()} where a
 * transfer is launched and where a tool is started, so a change applies from the next transfer (or tool run) on,
 * and every node sharing the repository sees it. A stored value that no longer parses is ignored (logged), never
 * fatal.
 */
@Service
public class SettingsService {

	private static final Logger log = LoggerFactory.getLogger(SettingsService.class);

	private final FerryProperties defaults;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	SettingsService(FerryProperties defaults, JdbcClient jdbc, ApplicationEventPublisher events) {
		this.defaults = defaults;
		this.jdbc = jdbc;
		this.events = events;
	}

	/** What application.yml and the environment say. */
	public FerryProperties defaults() {
		return this.defaults;
	}

	/** The values changed in the console (normalised), by setting. */
	@Transactional(readOnly = true)
	public Map<Setting, String> stored() {
		Map<Setting, String> stored = new EnumMap<>(Setting.class);
		this.jdbc.sql("SELECT SETTING_KEY, SETTING_VALUE FROM FERRY_SETTING").query((rs) -> {
			String key = rs.getString(1);
			for (Setting setting : Setting.values()) {
				if (setting.key().equals(key)) {
					try {
						stored.put(setting, setting.normalize(rs.getString(2)));
					}
					catch (FerryException ex) {
						log.warn("Ignoring stored setting {}: {}", key, ex.getMessage());
					}
				}
			}
		});
		return stored;
	}

	/** The settings in effect now: the defaults overlaid with the stored values. */
	public FerryProperties current() {
		return overlay(this.defaults, stored());
	}

	/**
	 * Stores the given values; a value equal to the default removes the stored one (the default applies again, also
	 * when the environment changes later). Values are checked for syntax and range here; whether a directory is
	 * writable or a tool is installed is the caller's check.
	 */
	@Transactional
	public void save(Map<Setting, String> values) {
		Map<Setting, String> normalized = new EnumMap<>(Setting.class);
		values.forEach((setting, value) -> normalized.put(setting, setting.normalize(value)));
		normalized.forEach((setting, value) -> {
			this.jdbc.sql("DELETE FROM FERRY_SETTING WHERE SETTING_KEY = ?").param(setting.key()).update();
			if (!value.equals(defaultText(setting))) {
				this.jdbc.sql("INSERT INTO FERRY_SETTING (SETTING_KEY, SETTING_VALUE, UPDATED_AT) VALUES (?, ?, ?)")
					.params(setting.key(), value, LocalDateTime.now())
					.update();
			}
		});
		this.events.publishEvent(new SettingsChanged(current()));
	}

	/** The default of a setting as text; paths made absolute (a relative default is relative to the working dir). */
	public String defaultText(Setting setting) {
		String value = setting.valueIn(this.defaults);
		return setting.type() == Setting.Type.PATH ? Path.of(value).toAbsolutePath().normalize().toString() : value;
	}

	static FerryProperties overlay(FerryProperties base, Map<Setting, String> values) {
		FerryProperties.Tools tools = base.tools();
		FerryProperties.Tools overlaid = new FerryProperties.Tools(
				values.getOrDefault(Setting.MYDUMPER, tools.mydumper()),
				values.getOrDefault(Setting.MYLOADER, tools.myloader()), number(values, Setting.DUMP_THREADS,
						tools.dumpThreads()),
				tools.timeout(), tools.pollInterval(), tools.stopGrace(), values.getOrDefault(Setting.TIUP, tools.tiup()),
				values.getOrDefault(Setting.DUMPLING, tools.dumpling()),
				values.getOrDefault(Setting.LIGHTNING, tools.lightning()));
		return new FerryProperties(base.home(), path(values, Setting.EXPORT_ROOT, base.exportRoot()),
				path(values, Setting.IMPORT_ROOT, base.importRoot()),
				number(values, Setting.MAX_CONCURRENT_TRANSFERS, base.maxConcurrentTransfers()), overlaid, base.files(),
				values.containsKey(Setting.MANIFEST_SHA256) ? Boolean.parseBoolean(values.get(Setting.MANIFEST_SHA256))
						: base.manifestSha256());
	}

	private static int number(Map<Setting, String> values, Setting setting, int fallback) {
		String value = values.get(setting);
		return value == null ? fallback : Integer.parseInt(value);
	}

	private static Path path(Map<Setting, String> values, Setting setting, Path fallback) {
		String value = values.get(setting);
		return value == null ? fallback : Path.of(value);
	}

	/**
	 * Published after settings were saved.
	 * @param current the settings now in effect
	 */
	public record SettingsChanged(FerryProperties current) {
	}

}
