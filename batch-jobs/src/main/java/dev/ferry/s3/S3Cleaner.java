package dev.ferry.s3;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Deletes the objects under an S3 location's prefix ("delete remote objects" of an export). Keys are listed page by
 * page and deleted with DeleteObjects, up to 1000 at a time. The prefix must not be empty: this never empties a
 * whole bucket. In a versioned bucket this leaves delete markers (older versions stay).
 */
public final class S3Cleaner {

	static final int MAX_BATCH = 1000;

	private S3Cleaner() {
	}

	/** {@link #deletePrefix(S3Clients, S3Location)} with clients opened (and closed) for this call. */
	public static long deletePrefix(S3Location location, S3Credentials credentials) {
		try (S3Clients clients = S3Clients.open(location, credentials)) {
			return deletePrefix(clients, location);
		}
	}

	/**
	 * Deletes every object whose key starts with {@code location.keyPrefix()} ({@code prefix/}, so {@code prefix2/x}
	 * is kept).
	 * @return the number of objects deleted
	 * @throws IllegalArgumentException if the location has no prefix
	 * @throws S3TransferException if listing or deleting fails (objects deleted so far stay deleted)
	 */
	public static long deletePrefix(S3Clients clients, S3Location location) {
		return deletePrefix(clients, location, MAX_BATCH);
	}

	static long deletePrefix(S3Clients clients, S3Location location, int batchSize) {
		if (location.prefix().isEmpty()) {
			throw new IllegalArgumentException("refusing to delete every object of bucket '" + location.bucket()
					+ "': the location has no prefix");
		}
		long deleted = 0;
		@Nullable String token = null;
		do {
			ListObjectsV2Response page;
			String continuation = token;
			try {
				page = clients.s3()
					.listObjectsV2((list) -> list.bucket(location.bucket())
						.prefix(location.keyPrefix())
						.maxKeys(batchSize)
						.continuationToken(continuation))
					.join();
			}
			catch (RuntimeException ex) {
				throw new S3TransferException(location.keyPrefix(),
						"cannot list " + location + ": " + S3Failures.describe(ex), S3Failures.unwrap(ex));
			}
			List<ObjectIdentifier> keys = new ArrayList<>();
			for (S3Object object : page.contents()) {
				keys.add(ObjectIdentifier.builder().key(object.key()).build());
			}
			for (int from = 0; from < keys.size(); from += batchSize) {
				deleted += deleteBatch(clients, location, keys.subList(from, Math.min(keys.size(), from + batchSize)));
			}
			token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
		}
		while (token != null);
		return deleted;
	}

	private static int deleteBatch(S3Clients clients, S3Location location, List<ObjectIdentifier> keys) {
		DeleteObjectsResponse response;
		try {
			response = clients.s3()
				.deleteObjects((delete) -> delete.bucket(location.bucket())
					.delete((batch) -> batch.objects(keys).quiet(true)))
				.join();
		}
		catch (RuntimeException ex) {
			throw new S3TransferException(keys.get(0).key(), "cannot delete " + keys.size() + " objects under "
					+ location + ": " + S3Failures.describe(ex), S3Failures.unwrap(ex));
		}
		int failed = 0;
		@Nullable S3Error first = null;
		for (S3Error error : response.errors()) {
			if ("NoSuchKey".equals(error.code())) {
				continue; // gone already
			}
			failed++;
			if (first == null) {
				first = error;
			}
		}
		if (first != null) {
			throw new S3TransferException(first.key(), "cannot delete " + failed + " of " + keys.size()
					+ " objects under " + location + ", first s3://" + location.bucket() + "/" + first.key() + ": "
					+ first.code() + " " + first.message(), null);
		}
		return keys.size();
	}

}
