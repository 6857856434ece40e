package dev.ferry.engine.export;

import dev.ferry.engine.sink.FileSink;

/**
 * An export's sink with what it holds open (an S3 export's clients), released by {@link #close()} when the step that
 * writes through it ends.
 */
public record ExportSink(FileSink sink, AutoCloseable resources) implements AutoCloseable {

	/** A sink that holds nothing open (a local directory). */
	public static ExportSink of(FileSink sink) {
		return new ExportSink(sink, () -> {
		});
	}

	@Override
	public void close() {
		try {
			this.resources.close();
		}
		catch (Exception ex) {
			org.slf4j.LoggerFactory.getLogger(ExportSink.class).debug("Could not release an export's sink: {}",
					ex.getMessage());
		}
	}

}
