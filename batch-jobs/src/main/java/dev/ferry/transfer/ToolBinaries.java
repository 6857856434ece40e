package dev.ferry.transfer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;

import org.springframework.stereotype.Component;

import dev.ferry.config.FerryProperties;
import dev.ferry.config.SettingsService;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

/** Finds the tool executables named by the settings: an absolute path, or a name looked up on {@code PATH}. */
@Component
public class ToolBinaries {

	private final Supplier<FerryProperties> settings;

	/** Tools as the settings name them now (console changes included). */
	@Autowired
	ToolBinaries(SettingsService settings) {
		this.settings = settings::current;
	}

	ToolBinaries(FerryProperties properties) {
		this.settings = () -> properties;
	}

	private FerryProperties.Tools tools() {
		return this.settings.get().tools();
	}

	public Path mydumper() {
		return require(tools().mydumper(), "ferry.tools.mydumper (FERRY_MYDUMPER)");
	}

	public Path myloader() {
		return require(tools().myloader(), "ferry.tools.myloader (FERRY_MYLOADER)");
	}

	/** How to run a TiDB tool ({@code dumpling} or {@code tidb-lightning}): its standalone binary if set, else TiUP. */
	public dev.ferry.tidb.TidbLauncher tidb(String component) {
		String standalone = component.equals("dumpling") ? tools().dumpling()
				: tools().lightning();
		if (!standalone.isBlank()) {
			return dev.ferry.tidb.TidbLauncher
				.standalone(require(standalone, "FERRY_" + (component.equals("dumpling") ? "DUMPLING" : "LIGHTNING")));
		}
		return dev.ferry.tidb.TidbLauncher.tiup(require(tools().tiup(), "ferry.tools.tiup (FERRY_TIUP)"));
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
