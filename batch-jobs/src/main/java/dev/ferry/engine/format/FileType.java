package dev.ferry.engine.format;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The format of a data file: multi-row {@code INSERT} statements or CSV. */
public enum FileType {

	SQL("sql"), CSV("csv");

	private final String suffix;

	FileType(String suffix) {
		this.suffix = suffix;
	}

	/** The file name suffix without its dot: {@code sql} or {@code csv}. */
	public String suffix() {
		return this.suffix;
	}

	/**
	 * The type named {@code name} ({@code sql} or {@code csv}, any case).
	 * @throws IllegalArgumentException for any other name, listing the accepted ones
	 */
	public static FileType of(String name) {
		for (FileType type : values()) {
			if (type.suffix.equalsIgnoreCase(name)) {
				return type;
			}
		}
		throw new IllegalArgumentException("unknown file type '" + name + "': use one of "
				+ Arrays.stream(values()).map(FileType::suffix).collect(Collectors.joining(", ")));
	}

}
