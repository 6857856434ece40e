package dev.ferry.support;

import java.util.List;

import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

import dev.ferry.s3.S3Clients;
import dev.ferry.s3.S3Credentials;
import dev.ferry.s3.S3Location;

/** The S3 server of the tests (S3Mock, started by ops/test.sh), read directly to see what Ferry wrote. */
public final class S3Objects {

	private S3Objects() {
	}

	public static String endpoint() {
		String endpoint = System.getenv("FERRY_IT_S3_ENDPOINT");
		if (endpoint == null || endpoint.isBlank()) {
			throw new IllegalStateException("FERRY_IT_S3_ENDPOINT is unset: start S3Mock with ops/test.sh "
					+ "(or source ops/lib/s3mock.sh; s3mock_start PORT)");
		}
		return endpoint;
	}

	/** The keys below the prefix, without it. */
	public static List<String> keys(String bucket, String prefix) {
		S3Location location = S3Location.parse(endpoint(), "s3://" + bucket);
		try (S3Clients clients = S3Clients.open(location, S3Credentials.of("k", "s"))) {
			return clients.s3()
				.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build())
				.join()
				.contents()
				.stream()
				.map(S3Object::key)
				.map((key) -> key.substring(prefix.length()))
				.toList();
		}
	}

}
