package dev.ferry.s3;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3-compatible server of the integration tests: S3Mock, started by {@code ops/test.sh} (see
 * {@code ops/lib/s3mock.sh}), its address in {@code FERRY_IT_S3_ENDPOINT}. Tests fail (never skip) without it.
 */
final class S3TestServer {

	/** S3Mock accepts any keys; these are just well-formed. */
	static final S3Credentials CREDENTIALS = new S3Credentials("ferry-it-access", "ferry-it-secret");

	private S3TestServer() {
	}

	static URI endpoint() {
		String endpoint = System.getenv("FERRY_IT_S3_ENDPOINT");
		if (endpoint == null || endpoint.isBlank()) {
			throw new AssertionError("FERRY_IT_S3_ENDPOINT is not set: these tests need the S3 server that ops/test.sh "
					+ "starts. Run ops/test.sh, or start it yourself: (source ops/lib/s3mock.sh; s3mock_start 33073) "
					+ "and export FERRY_IT_S3_ENDPOINT=http://127.0.0.1:33073");
		}
		return URI.create(endpoint.strip());
	}

	static S3Clients clients() {
		return S3Clients.open(endpoint(), CREDENTIALS, S3ClientSettings.defaults());
	}

	/** A new, empty bucket with a unique name. */
	static String newBucket(S3Clients clients) {
		String bucket = "ferry-test-" + UUID.randomUUID().toString().substring(0, 13).toLowerCase(Locale.ROOT);
		clients.s3().createBucket((create) -> create.bucket(bucket)).join();
		return bucket;
	}

	static S3Location location(String bucket, String prefix) {
		return new S3Location(endpoint(), bucket, prefix);
	}

	static void put(S3Clients clients, String bucket, String key, byte[] content) {
		clients.s3().putObject((put) -> put.bucket(bucket).key(key), AsyncRequestBody.fromBytes(content)).join();
	}

	static byte[] get(S3Clients clients, String bucket, String key) {
		return clients.s3()
			.getObject((get) -> get.bucket(bucket).key(key), AsyncResponseTransformer.toBytes())
			.join()
			.asByteArray();
	}

	static boolean exists(S3Clients clients, String bucket, String key) {
		try {
			clients.s3().headObject((head) -> head.bucket(bucket).key(key)).join();
			return true;
		}
		catch (RuntimeException ex) {
			Throwable cause = S3Failures.unwrap(ex);
			if (cause instanceof NoSuchKeyException
					|| (cause instanceof S3Exception s3 && s3.statusCode() == 404)) {
				return false;
			}
			throw ex;
		}
	}

	static String eTag(S3Clients clients, String bucket, String key) {
		return clients.s3().headObject((head) -> head.bucket(bucket).key(key)).join().eTag();
	}

	static List<String> keys(S3Clients clients, String bucket, String prefix) {
		return clients.s3()
			.listObjectsV2((list) -> list.bucket(bucket).prefix(prefix))
			.join()
			.contents()
			.stream()
			.map(S3Object::key)
			.sorted()
			.toList();
	}

	static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
