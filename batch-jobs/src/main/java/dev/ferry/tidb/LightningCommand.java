package dev.ferry.tidb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The lightning argument list: {@code tiup tidb-lightning -config <file>} (TiUniManager's form) or
 * {@code tidb-lightning -config <file>}. Everything else, secrets included, is in the config file.
 */
public final class LightningCommand {

	private LightningCommand() {
	}

	public static List<String> build(TidbLauncher launcher, Path configFile) {
		Objects.requireNonNull(launcher, "launcher");
		Objects.requireNonNull(configFile, "configFile");
		if (!configFile.isAbsolute()) {
			throw new IllegalArgumentException("lightning: configFile must be an absolute path, was " + configFile);
		}
		List<String> argv = new ArrayList<>(launcher.prefix("tidb-lightning"));
		argv.add("-config");
		argv.add(configFile.toString());
		return List.copyOf(argv);
	}

}
