package dev.ferry.upload;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import dev.ferry.config.FerryProperties;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

/** At most {@code files.maxConcurrentDownloads} downloads at once; the rest are refused, not queued. */
@Service
public class DownloadSlots {

	private final int max;

	private final Semaphore slots;

	@Autowired
	DownloadSlots(FerryProperties properties) {
		this(properties.files().maxConcurrentDownloads());
	}

	/** Slots outside Spring (tests, tools). */
	public DownloadSlots(int max) {
		this.max = max;
		this.slots = new Semaphore(max);
	}

	/**
	 * Reserves a slot; close the returned handle (once or more) to release it.
	 * @throws FerryException TIEM_TRANSPORT_FILE_TRANSFER_LIMITED when all slots are taken
	 */
	public Slot acquire() {
		if (!this.slots.tryAcquire()) {
			throw new FerryException(ErrorCode.TIEM_TRANSPORT_FILE_TRANSFER_LIMITED, "too many downloads: Ferry serves "
					+ "at most " + this.max + " downloads at once; try again when one has finished");
		}
		return new Slot(this.slots);
	}

	/** A reserved download slot. */
	public static final class Slot implements AutoCloseable {

		private final Semaphore slots;

		private final AtomicBoolean released = new AtomicBoolean();

		Slot(Semaphore slots) {
			this.slots = slots;
		}

		@Override
		public void close() {
			if (this.released.compareAndSet(false, true)) {
				this.slots.release();
			}
		}

	}

}
