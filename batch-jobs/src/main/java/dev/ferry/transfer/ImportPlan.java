package dev.ferry.transfer;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import dev.ferry.cluster.Cluster;

/** A checked import request: target, credentials, one source, options. */
record ImportPlan(Cluster cluster, String userName, ExportPlan.CredentialSource credential, Source source,
		boolean overwrite, String comment, ToolChain chain, String backend, @Nullable S3Target s3) {

	enum Kind {

		/** Re-import of an earlier NFS export, read in place. */
		HISTORY,

		/** A zip uploaded before, unpacked into the record's data directory. */
		UPLOAD,

		/** Dump files in an S3 bucket/prefix. */
		S3

	}

	/** @param dataDir where the dump already is (HISTORY), else null */
	record Source(Kind kind, @Nullable String sourceRecordId, @Nullable String uploadId, @Nullable Path dataDir) {
	}

}
