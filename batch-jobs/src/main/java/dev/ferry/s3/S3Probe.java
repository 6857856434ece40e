package dev.ferry.s3;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import dev.ferry.s3.S3AccessException.Reason;
import dev.ferry.s3.S3Clients.ProbeClient;

/**
 * Checks before a transfer starts that an S3 location can be used with the given keys, and says clearly why not:
 * endpoint not allowed, cannot connect, TLS, not an S3 endpoint, wrong keys, access denied, or no such bucket (see
 * {@link S3AccessException.Reason}), without repeating what the endpoint answered.
 * <p>
 * {@link #check} (for exports) runs HeadBucket, then writes and deletes a tiny probe object
 * {@code <prefix>/.ferry-probe-<uuid>} to prove write permission. {@link #checkReadable} (for imports) runs HeadBucket
 * and lists one key under the prefix. HeadBucket answers carry no error body, so on a 403 a ListObjectsV2 is sent to
 * learn S3's error code ({@code InvalidAccessKeyId}, {@code SignatureDoesNotMatch}, {@code AccessDenied}).
 * <p>
 * Each check has a synchronous client of its own, closed when it is done ({@link S3Clients#openProbe}), not the
 * shared Netty client of the transfers.
 */
public final class S3Probe {

	private static final Logger log = LoggerFactory.getLogger(S3Probe.class);

	private static final String PROBE_CONTENT = "Ferry checks write access here; this object is deleted right away.\n";

	private S3Probe() {
	}

	/**
	 * Proves that {@code location} exists and is writable with {@code credentials}.
	 * @throws S3AccessException if not, with the reason
	 */
	public static void check(S3Location location, S3Credentials credentials) {
		try (ProbeClient client = S3Clients.openProbe(location.endpoint(), credentials, probeSettings())) {
			S3Client s3 = client.s3();
			checkBucket(s3, location, credentials);
			String key = location.key(".ferry-probe-" + UUID.randomUUID());
			try {
				s3.putObject((put) -> put.bucket(location.bucket()).key(key), RequestBody.fromString(PROBE_CONTENT));
			}
			catch (RuntimeException ex) {
				throw classify(location, credentials, "write a test object to", ex);
			}
			try {
				s3.deleteObject((delete) -> delete.bucket(location.bucket()).key(key));
			}
			catch (RuntimeException ex) {
				// Writing is what an export needs; say that the probe object stayed behind.
				log.warn("Could write but not delete the probe object s3://{}/{} at {}: {}", location.bucket(), key,
						location.endpoint(), S3Failures.describeForLog(ex));
			}
		}
	}

	/**
	 * Proves that {@code location} exists and its keys can be listed with {@code credentials} (what an import
	 * needs).
	 * @throws S3AccessException if not, with the reason
	 */
	public static void checkReadable(S3Location location, S3Credentials credentials) {
		try (ProbeClient client = S3Clients.openProbe(location.endpoint(), credentials, probeSettings())) {
			checkBucket(client.s3(), location, credentials);
			try {
				listOne(client.s3(), location);
			}
			catch (RuntimeException ex) {
				throw classify(location, credentials, "list", ex);
			}
		}
	}

	/** Quick, definite answers: one attempt per request (a refused connection or a 403 does not heal by retrying). */
	private static S3ClientSettings probeSettings() {
		return S3ClientSettings.defaults().withMaxAttempts(1);
	}

	private static void checkBucket(S3Client s3, S3Location location, S3Credentials credentials) {
		try {
			s3.headBucket((head) -> head.bucket(location.bucket()));
		}
		catch (RuntimeException ex) {
			Throwable failure = S3Failures.unwrap(ex);
			if (failure instanceof AwsServiceException service && service.statusCode() == 403) {
				// HEAD answers have no body: ask again with a request whose answer says which 403 it is.
				try {
					listOne(s3, location);
					return; // HeadBucket is denied but listing works (a narrow bucket policy): good enough
				}
				catch (RuntimeException listFailure) {
					throw classify(location, credentials, "access", listFailure);
				}
			}
			throw classify(location, credentials, "access", ex);
		}
	}

	private static void listOne(S3Client s3, S3Location location) {
		s3.listObjectsV2((list) -> list.bucket(location.bucket()).prefix(location.keyPrefix()).maxKeys(1));
	}

	/**
	 * Turns an SDK failure into an {@link S3AccessException} whose reason and message say only which category failed
	 * (not allowed, cannot connect, TLS, not an S3 endpoint, wrong keys, access denied, no such bucket), naming
	 * endpoint, bucket and access key id. What the endpoint answered (its error message, status line, or the
	 * exception text of a connection failure) is never part of the message: an {@code endpointUrl} is user input, and
	 * echoing answers would let a user read from, or map, whatever the URL points at. The details go to the log.
	 * @param action what was attempted, completing "may not ... s3://bucket/prefix"
	 */
	static S3AccessException classify(S3Location location, S3Credentials credentials, String action,
			Throwable failure) {
		Throwable cause = S3Failures.unwrap(failure);
		List<Throwable> chain = causesAndSuppressed(cause);
		for (Throwable t : chain) {
			if (t instanceof S3AccessException refused) {
				return refused; // the endpoint policy, checked before the request was sent
			}
		}
		log.info("S3 check of {} at {} failed: {}", location.s3Url(), location.endpoint(),
				S3Failures.describeForLog(cause));
		String endpoint = "S3 endpoint " + location.endpoint();
		if (!(cause instanceof AwsServiceException service)) {
			// No HTTP answer from S3 (network failure), or one the SDK could not read as S3's.
			for (Throwable t : chain) {
				if (t instanceof SSLException) {
					return new S3AccessException(Reason.TLS_FAILED, endpoint
							+ ": TLS failed (does it speak https, with a certificate this Java runtime trusts?)", cause);
				}
			}
			for (Throwable t : chain) {
				if (t instanceof IOException || t.getClass().getSimpleName().contains("Timeout")) {
					return new S3AccessException(Reason.ENDPOINT_UNREACHABLE, endpoint + ": cannot connect", cause);
				}
			}
			return new S3AccessException(Reason.NOT_S3, endpoint + ": not an S3 endpoint (its answer is not S3's)",
					cause);
		}
		String code = (service.awsErrorDetails() != null) ? service.awsErrorDetails().errorCode() : null;
		int status = service.statusCode();
		String where = location.s3Url() + " at " + location.endpoint();
		if ("InvalidAccessKeyId".equals(code)) {
			return new S3AccessException(Reason.WRONG_CREDENTIALS, "S3 rejected the keys: the endpoint "
					+ location.endpoint() + " does not know the access key '" + credentials.accessKey() + "'", cause);
		}
		if ("SignatureDoesNotMatch".equals(code)) {
			return new S3AccessException(Reason.WRONG_CREDENTIALS,
					"S3 rejected the keys: the secret key does not match the access key '" + credentials.accessKey()
							+ "' at " + location.endpoint(),
					cause);
		}
		if ("NoSuchBucket".equals(code) || (status == 404 && (code == null || "NotFound".equals(code)))) {
			return new S3AccessException(Reason.NO_SUCH_BUCKET,
					"S3 bucket '" + location.bucket() + "' does not exist at " + location.endpoint(), cause);
		}
		if (status == 403) {
			return new S3AccessException(Reason.ACCESS_DENIED, "S3 denied access: the access key '"
					+ credentials.accessKey() + "' may not " + action + " " + where, cause);
		}
		if (status == 301 || "PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code)) {
			return new S3AccessException(Reason.FAILED, "S3 check failed: cannot " + action + " " + where
					+ ": the bucket is in another region or behind another endpoint", cause);
		}
		if (status >= 500 && cause instanceof S3Exception) {
			return new S3AccessException(Reason.FAILED,
					"S3 check failed: " + where + " answered with a server error; try again later", cause);
		}
		return new S3AccessException(Reason.NOT_S3, endpoint + ": not an S3 endpoint (its answer is not S3's)", cause);
	}

	/** {@code failure}, its causes and their suppressed exceptions, depth first, each once. */
	private static List<Throwable> causesAndSuppressed(Throwable failure) {
		List<Throwable> all = new ArrayList<>();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<Throwable> todo = new ArrayDeque<>();
		todo.push(failure);
		while (!todo.isEmpty() && all.size() < 100) {
			Throwable t = todo.pop();
			if (!seen.add(t)) {
				continue;
			}
			all.add(t);
			Throwable[] suppressed = t.getSuppressed();
			for (int i = suppressed.length - 1; i >= 0; i--) {
				todo.push(suppressed[i]);
			}
			if (t.getCause() != null) {
				todo.push(t.getCause());
			}
		}
		return all;
	}

}
