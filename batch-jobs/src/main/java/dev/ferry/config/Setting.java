package dev.ferry.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.ferry.error.FerryException;

/**
 * A setting that can be changed at runtime (console {@code /settings}) and is stored in {@code FERRY_SETTING}. Each
 * is read where a transfer starts or a tool starts, so a change applies to transfers (and tool runs) from then on;
 * none needs a restart.
 */
public enum Setting {

	EXPORT_ROOT("ferry.export-root", "FERRY_EXPORT_ROOT", Type.PATH, 0, 0, (p) -> p.exportRoot().toString()),
	IMPORT_ROOT("ferry.import-root", "FERRY_IMPORT_ROOT", Type.PATH, 0, 0, (p) -> p.importRoot().toString()),
	MAX_CONCURRENT_TRANSFERS("ferry.max-concurrent-transfers", "FERRY_MAX_CONCURRENT_TRANSFERS", Type.NUMBER, 1, 64,
			(p) -> Integer.toString(p.maxConcurrentTransfers())),
	DUMP_THREADS("ferry.tools.dump-threads", "FERRY_DUMP_THREADS", Type.NUMBER, 1, 128,
			(p) -> Integer.toString(p.tools().dumpThreads())),
	MYDUMPER("ferry.tools.mydumper", "FERRY_MYDUMPER", Type.TOOL, 0, 0, (p) -> p.tools().mydumper()),
	MYLOADER("ferry.tools.myloader", "FERRY_MYLOADER", Type.TOOL, 0, 0, (p) -> p.tools().myloader()),
	TIUP("ferry.tools.tiup", "FERRY_TIUP", Type.TOOL, 0, 0, (p) -> p.tools().tiup()),
	DUMPLING("ferry.tools.dumpling", "FERRY_DUMPLING", Type.OPTIONAL_TOOL, 0, 0, (p) -> p.tools().dumpling()),
	LIGHTNING("ferry.tools.lightning", "FERRY_LIGHTNING", Type.OPTIONAL_TOOL, 0, 0, (p) -> p.tools().lightning()),
	MANIFEST_SHA256("ferry.manifest-sha256", "FERRY_MANIFEST_SHA256", Type.BOOLEAN, 0, 0,
			(p) -> Boolean.toString(p.manifestSha256()));

	/** What kind of value a setting holds. */
	public enum Type {

		/** An absolute directory. */
		PATH,
		/** A whole number within {@link Setting#min()}..{@link Setting#max()}. */
		NUMBER,
		/** An executable: an absolute path or a name looked up on PATH. */
		TOOL,
		/** As TOOL, or empty (not used). */
		OPTIONAL_TOOL,
		/** {@code true} or {@code false}. */
		BOOLEAN

	}

	private final String key;

	private final String environment;

	private final Type type;

	private final int min;

	private final int max;

	private final Function<FerryProperties, String> reader;

	Setting(String key, String environment, Type type, int min, int max, Function<FerryProperties, String> reader) {
		this.key = key;
		this.environment = environment;
		this.type = type;
		this.min = min;
		this.max = max;
		this.reader = reader;
	}

	/** The key in {@code FERRY_SETTING} (the property name). */
	public String key() {
		return this.key;
	}

	/** The environment variable that sets the default. */
	public String environment() {
		return this.environment;
	}

	public Type type() {
		return this.type;
	}

	public int min() {
		return this.min;
	}

	public int max() {
		return this.max;
	}

	/** The value of this setting in the given properties, as text. */
	public String valueIn(FerryProperties properties) {
		return this.reader.apply(properties);
	}

	/** The form name, e.g. {@code exportRoot}. */
	public String field() {
		String[] words = name().toLowerCase(Locale.ROOT).split("_");
		StringBuilder field = new StringBuilder(words[0]);
		for (int i = 1; i < words.length; i++) {
			field.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
		}
		return field.toString();
	}

	/**
	 * The value normalised, or why it is not acceptable (syntax only: whether a directory is writable or a tool
	 * exists is checked by the caller, which can say more).
	 * @throws FerryException PARAMETER_INVALID naming the setting
	 */
	public String normalize(@Nullable String value) {
		String text = value == null ? "" : value.strip();
		switch (this.type) {
			case PATH -> {
				if (text.isEmpty()) {
					throw FerryException.invalid(this.key + " is required");
				}
				Path path;
				try {
					path = Path.of(text);
				}
				catch (RuntimeException ex) {
					throw FerryException.invalid(this.key + " '" + text + "' is not a path");
				}
				if (!path.isAbsolute()) {
					throw FerryException.invalid(this.key + " must be an absolute path, not '" + text + "'");
				}
				return path.normalize().toString();
			}
			case NUMBER -> {
				int number;
				try {
					number = Integer.parseInt(text);
				}
				catch (NumberFormatException ex) {
					throw FerryException.invalid(this.key + " must be a whole number, not '" + text + "'");
				}
				if (number < this.min || number > this.max) {
					throw FerryException
						.invalid(this.key + " must be between " + this.min + " and " + this.max + ", not " + number);
				}
				return Integer.toString(number);
			}
			case BOOLEAN -> {
				if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
					throw FerryException.invalid(this.key + " must be true or false, not '" + text + "'");
				}
				return text.toLowerCase(Locale.ROOT);
			}
			default -> {
				if (text.isEmpty() && this.type == Type.TOOL) {
					throw FerryException.invalid(this.key + " is required");
				}
				if (text.length() > 1024 || text.chars().anyMatch(Character::isISOControl)) {
					throw FerryException.invalid(this.key + " is not a usable file name");
				}
				return text;
			}
		}
	}

}
