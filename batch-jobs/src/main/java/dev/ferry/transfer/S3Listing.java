package dev.ferry.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

import dev.ferry.manifest.DumpFile;
import dev.ferry.s3.S3Clients;

/** The tables of a dump in S3, from its object names. */
final class S3Listing {

	private S3Listing() {
	}

	/** The tables; for the mysql chain, a database myloader cannot import (see {@link DumpDatabases}) is refused. */
	static Set<String> tables(S3Target target, ToolChain chain) {
		Set<String> tables = new TreeSet<>();
		List<String> creates = new ArrayList<>();
		try (S3Clients clients = S3Clients.open(target.location(), target.credentials())) {
			clients.s3()
				.listObjectsV2Paginator(ListObjectsV2Request.builder()
					.bucket(target.location().bucket())
					.prefix(target.location().keyPrefix())
					.build())
				.contents()
				.subscribe((object) -> {
					String key = object.key();
					if (key.endsWith(DumpDatabases.CREATE_SUFFIX)) {
						creates.add(key);
					}
					DumpFile.of(key.substring(key.lastIndexOf('/') + 1))
						.ifPresent((file) -> tables.add(file.qualifiedName()));
				})
				.join();
		}
		if (chain == ToolChain.MYSQL) {
			DumpDatabases.check(creates);
		}
		return tables;
	}

}
