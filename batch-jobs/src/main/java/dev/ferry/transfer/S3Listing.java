package dev.ferry.transfer;

import java.util.Set;
import java.util.TreeSet;

import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

import dev.ferry.manifest.DumpFile;
import dev.ferry.s3.S3Clients;

/** The tables of a dump in S3, from its object names. */
final class S3Listing {

	private S3Listing() {
	}

	static Set<String> tables(S3Target target) {
		Set<String> tables = new TreeSet<>();
		try (S3Clients clients = S3Clients.open(target.location(), target.credentials())) {
			clients.s3()
				.listObjectsV2Paginator(ListObjectsV2Request.builder()
					.bucket(target.location().bucket())
					.prefix(target.location().keyPrefix())
					.build())
				.contents()
				.subscribe((object) -> {
					String key = object.key();
					DumpFile.of(key.substring(key.lastIndexOf('/') + 1))
						.ifPresent((file) -> tables.add(file.qualifiedName()));
				})
				.join();
		}
		return tables;
	}

}
