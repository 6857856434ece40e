package dev.ferry.transfer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.ferry.config.FerryProperties;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

/** Finds the tool executables named by the settings: an absolute path, or a name looked up on {@code PATH}. */
@Component
public class ToolBinaries {

	private final FerryProperties properties;

	ToolBinaries(FerryProperties properties) {
		this.properties = properties;
	}

	public Path mydumper() {
		return require(this.properties.tools().mydumper(), "ferry.tools.mydumper (FERRY_MYDUMPER)");
	}

	public Path myloader() {
		return require(this.properties.tools().myloader(), "ferry.tools.myloader (FERRY_MYLOADER)");
	}

	/** How to run a TiDB tool ({@code dumpling} or {@code tidb-lightning}): its standalone binary if set, else TiUP. */
	public dev.ferry.tidb.TidbLauncher tidb(String component) {
		String standalone = component.equals("dumpling") ? this.properties.tools().dumpling()
				: this.properties.tools().lightning();
		if (!standalone.isBlank()) {
			return dev.ferry.tidb.TidbLauncher
				.standalone(require(standalone, "FERRY_" + (component.equals("dumpling") ? "DUMPLING" : "LIGHTNING")));
		}
		return dev.ferry.tidb.TidbLauncher.tiup(require(this.properties.tools().tiup(), "ferry.tools.tiup (FERRY_TIUP)"));
	}

	private static Path require(String configured, String setting) {
		return find(configured).orElseThrow(() -> new FerryException(ErrorCode.TIEM_TRANSPORT_SYSTEM_CONFIG_INVALID,
				"tool '" + configured + "' not found or not executable; install it (mydumper/myloader: apt-get install "
						+ "mydumper; dumpling/tidb-lightning: TiUP) or set " + setting));
	}

	public static Optional<Path> find(String configured) {
		if (configured.contains("/")) {
			Path path = Path.of(configured);
			return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
		}
		String pathVariable = System.getenv("PATH");
		if (pathVariable == null) {
			return Optional.empty();
		}
		for (String dir : pathVariable.split(File.pathSeparator)) {
			Path candidate = Path.of(dir, configured);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

}
