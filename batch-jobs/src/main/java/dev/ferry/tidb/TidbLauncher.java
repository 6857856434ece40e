package dev.ferry.tidb;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How a TiDB tool is started: through {@code tiup} ({@code tiup <component> …}, as TiUniManager did) or as a standalone
 * binary of that one component ({@code dumpling …}, {@code tidb-lightning …}).
 *
 * @param executable the {@code tiup} binary, or the standalone binary of the component
 * @param viaTiup {@code true} when {@code executable} is {@code tiup}
 */
public record TidbLauncher(Path executable, boolean viaTiup) {

	public TidbLauncher {
		Objects.requireNonNull(executable, "executable");
		if (executable.toString().isBlank()) {
			throw new IllegalArgumentException("launcher: executable must not be blank");
		}
	}

	/** {@code tiup <component> …}. */
	public static TidbLauncher tiup(Path tiup) {
		return new TidbLauncher(tiup, true);
	}

	/** The component's own binary, e.g. {@code /opt/tidb-toolkit/bin/dumpling …}. */
	public static TidbLauncher standalone(Path binary) {
		return new TidbLauncher(binary, false);
	}

	/** The first entries of the argument list: {@code [tiup, component]} or {@code [binary]}. */
	List<String> prefix(String component) {
		return this.viaTiup ? List.of(this.executable.toString(), component) : List.of(this.executable.toString());
	}

}
