package dev.ferry.web.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import dev.ferry.config.FerryProperties;

/** {@code storage}: the export and import roots exist (created if missing) and are writable. */
@Component("storage")
class StorageHealthIndicator extends AbstractHealthIndicator {

	private final FerryProperties properties;

	StorageHealthIndicator(FerryProperties properties) {
		this.properties = properties;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws IOException {
		builder.up();
		check(builder, "exportRoot", this.properties.exportRoot());
		check(builder, "importRoot", this.properties.importRoot());
	}

	private static void check(Health.Builder builder, String name, Path root) throws IOException {
		Files.createDirectories(root);
		if (!Files.isWritable(root)) {
			builder.down().withDetail(name, root + " is not writable");
			return;
		}
		builder.withDetail(name, root.toAbsolutePath().normalize().toString())
			.withDetail(name + "FreeBytes", Files.getFileStore(root).getUsableSpace());
	}

}
