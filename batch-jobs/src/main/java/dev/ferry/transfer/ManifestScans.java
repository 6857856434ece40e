package dev.ferry.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.ferry.config.SettingsService;
import dev.ferry.manifest.ManifestWriter;

/**
 * The manifests being built while exports run, by job execution: each poll of the dump step scans what the tool has
 * written since the last poll, so only the tail is left when the dump ends. After a restart on another node the
 * record step simply scans everything. Every file gets a CRC32C, and a sha256 too when {@code FERRY_MANIFEST_SHA256} says
 * so (read when the export's scan starts).
 */
@Component
class ManifestScans {

	private static final Logger log = LoggerFactory.getLogger(ManifestScans.class);

	private static final int MAX_OPEN = 64;

	private final Map<Long, ManifestWriter> writers = Collections.synchronizedMap(new LinkedHashMap<>() {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, ManifestWriter> eldest) {
			return size() > MAX_OPEN; // stopped or failed exports never take theirs
		}
	});

	/** One background scan at a time per export, so that the poll (and noticing the tool's exit) never waits. */
	private final Set<Long> scanning = ConcurrentHashMap.newKeySet();

	private final ExecutorService scanner = Executors.newFixedThreadPool(2, (task) -> {
		Thread thread = new Thread(task, "manifest-scan");
		thread.setDaemon(true);
		return thread;
	});

	private final SettingsService settings;

	ManifestScans(SettingsService settings) {
		this.settings = settings;
	}

	void catchUp(long jobExecutionId, Path data) {
		ManifestWriter writer = this.writers.computeIfAbsent(jobExecutionId, (id) -> newWriter(data));
		if (!this.scanning.add(jobExecutionId)) {
			return;
		}
		this.scanner.execute(() -> {
			try {
				writer.catchUp();
			}
			catch (IOException ex) {
				log.debug("Manifest scan of {} will be redone at the end: {}", data, ex.getMessage());
				this.writers.remove(jobExecutionId);
			}
			finally {
				this.scanning.remove(jobExecutionId);
			}
		});
	}

	/** The rows counted so far in the dump of this execution, by {@code db.table}; empty before the first scan. */
	Map<String, Long> rowsSoFar(long jobExecutionId) {
		ManifestWriter writer = this.writers.get(jobExecutionId);
		return writer != null ? writer.rowsSoFar() : Map.of();
	}

	/** The writer that has followed this execution's dump, or a fresh one. */
	ManifestWriter take(long jobExecutionId, Path data) {
		ManifestWriter writer = this.writers.remove(jobExecutionId);
		return writer != null ? writer : newWriter(data);
	}

	private ManifestWriter newWriter(Path data) {
		return new ManifestWriter(data, this.settings.current().manifestSha256());
	}

}
