package dev.ferry.engine.export;

import dev.ferry.engine.format.Compression;
import dev.ferry.engine.format.EncoderOptions;
import dev.ferry.engine.format.FileNames;
import dev.ferry.engine.format.FileType;
import dev.ferry.engine.plan.TableSelection;
import dev.ferry.engine.sink.FileSink;
import dev.ferry.engine.snapshot.SnapshotConnections;

/**
 * One execution of a native export while its partitions run: the snapshot's connections the workers borrow, where
 * the files go and how they are written, and the progress the workers report. Held by {@link ExportRuns} for the
 * manager step's lifetime.
 * @param snapshotIndex the index of {@link #connections()}'s snapshot in the export's list of snapshots
 */
record ExportRun(long jobExecutionId, SnapshotConnections connections, int snapshotIndex, ExportSink storage,
		FileNames names, FileType fileType, Compression compression, EncoderOptions encoderOptions, int fetchSize,
		TableSelection selection, ProgressTally progress, StopSignal stop) {

	FileSink sink() {
		return this.storage.sink();
	}

	/** Set once the export is told to stop; workers end at their next check. */
	static final class StopSignal {

		private volatile boolean stopped;

		void stop() {
			this.stopped = true;
		}

		boolean stopped() {
			return this.stopped;
		}

	}

}
