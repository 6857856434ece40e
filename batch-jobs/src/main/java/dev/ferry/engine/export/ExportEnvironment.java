package dev.ferry.engine.export;

import java.io.IOException;

import org.springframework.batch.core.job.JobExecution;

import dev.ferry.engine.plan.TableSelection;
import dev.ferry.engine.snapshot.SourceConnector;

/**
 * What the engine needs from the transfer it runs in, provided by the transfer package: where to read (the cluster
 * with its credentials), what (the filter rules), where to write (the record's storage) and with how many threads.
 */
public interface ExportEnvironment {

	/** Opens connections to the export's source cluster as its user. */
	SourceConnector source(JobExecution execution);

	/** The request's filter rules. */
	TableSelection selection(JobExecution execution);

	/**
	 * Where the export's files go: the record's {@code data/} directory (NFS) or its S3 prefix; the caller closes it
	 * when it has written what it writes.
	 */
	ExportSink sink(JobExecution execution) throws IOException;

	/** The export's location for the record: the {@code data/} directory or the {@code s3://} URL of its prefix. */
	String location(JobExecution execution);

	/** Worker threads (and snapshot connections) of one export, read when its step starts. */
	int threads();

	/** How often the running export's progress is committed. */
	java.time.Duration progressInterval();

}
