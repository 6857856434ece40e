package dev.ferry.web.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import dev.ferry.config.FerryProperties;
import dev.ferry.config.SettingsService;
import dev.ferry.storage.FileModes;

/** {@code storage}: the export and import roots exist (created if missing) and are writable. */
@Component("storage")
class StorageHealthIndicator extends AbstractHealthIndicator {

	private final SettingsService settings;

	StorageHealthIndicator(SettingsService settings) {
		this.settings = settings;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws IOException {
		builder.up();
		FerryProperties properties = this.settings.current();
		check(builder, "exportRoot", properties.exportRoot());
		check(builder, "importRoot", properties.importRoot());
	}

	private static void check(Health.Builder builder, String name, Path root) throws IOException {
		FileModes.createDirectories(root);
		if (!Files.isWritable(root)) {
			builder.down().withDetail(name, root + " is not writable");
			return;
		}
		builder.withDetail(name, root.toAbsolutePath().normalize().toString())
			.withDetail(name + "FreeBytes", Files.getFileStore(root).getUsableSpace());
	}

}
