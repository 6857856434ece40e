package dev.ferry.web.health;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import dev.ferry.config.FerryProperties;
import dev.ferry.config.SettingsService;

/**
 * {@code ferry.storage.free} and {@code ferry.storage.total} (bytes) of the file systems holding the export and
 * the import root ({@code root} tag), as the settings name them now; read when scraped. NaN when a root does not
 * exist yet.
 */
@Component
class StorageMetrics {

	StorageMetrics(MeterRegistry registry, SettingsService settings) {
		register(registry, settings, "export", FerryProperties::exportRoot);
		register(registry, settings, "import", FerryProperties::importRoot);
	}

	private static void register(MeterRegistry registry, SettingsService settings, String root,
			Function<FerryProperties, Path> path) {
		Gauge.builder("ferry.storage.free", settings, (s) -> space(path.apply(s.current()), true))
			.description("Bytes free for Ferry on the file system of the root")
			.baseUnit("bytes")
			.tag("root", root)
			.register(registry);
		Gauge.builder("ferry.storage.total", settings, (s) -> space(path.apply(s.current()), false))
			.description("Size of the file system of the root")
			.baseUnit("bytes")
			.tag("root", root)
			.register(registry);
	}

	private static double space(Path root, boolean free) {
		try {
			FileStore store = Files.getFileStore(root);
			return free ? store.getUsableSpace() : store.getTotalSpace();
		}
		catch (IOException ex) {
			return Double.NaN;
		}
	}

}
