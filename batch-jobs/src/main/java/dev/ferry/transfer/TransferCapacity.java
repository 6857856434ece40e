package dev.ferry.transfer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

import dev.ferry.config.SettingsService;

/**
 * Keeps the transfer executor's size at {@code ferry.max-concurrent-transfers} as the settings say now: the stored
 * value once the application is ready, and again after each change in the console. Growing starts queued transfers
 * at once; shrinking lets running transfers finish and starts no new one until fewer than the new limit run.
 */
@Component
class TransferCapacity {

	private static final Logger log = LoggerFactory.getLogger(TransferCapacity.class);

	private final ThreadPoolTaskExecutor executor;

	private final SettingsService settings;

	TransferCapacity(@Qualifier("transferExecutor") ThreadPoolTaskExecutor executor, SettingsService settings) {
		this.executor = executor;
		this.settings = settings;
	}

	@EventListener(ApplicationReadyEvent.class)
	void applyStored() {
		resize(this.settings.current().maxConcurrentTransfers());
	}

	@EventListener
	void changed(SettingsService.SettingsChanged event) {
		resize(event.current().maxConcurrentTransfers());
	}

	synchronized void resize(int transfers) {
		if (transfers == this.executor.getMaxPoolSize() && transfers == this.executor.getCorePoolSize()) {
			return;
		}
		if (transfers > this.executor.getMaxPoolSize()) {
			this.executor.setMaxPoolSize(transfers);
			this.executor.setCorePoolSize(transfers);
		}
		else {
			this.executor.setCorePoolSize(transfers);
			this.executor.setMaxPoolSize(transfers);
		}
		log.info("At most {} transfers run at once", transfers);
	}

}
