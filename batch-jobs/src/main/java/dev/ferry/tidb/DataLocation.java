package dev.ferry.tidb;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where dumpling writes ({@code -o}) or lightning reads ({@code [mydumper] data-source-dir}): a local directory or an
 * S3 bucket/prefix. Unlike TiUniManager, S3 keys never go in the URL (where they reached the operation file, the
 * workflow context and the process list): {@link #environment()} carries them as {@code AWS_ACCESS_KEY_ID} /
 * {@code AWS_SECRET_ACCESS_KEY}, which both tools read through the AWS SDK's default credential chain.
 */
public sealed interface DataLocation {

	/** An absolute local directory. */
	static DataLocation local(Path dir) {
		return new LocalDir(dir);
	}

	/**
	 * An S3-compatible location.
	 * @param bucketUrl {@code s3://bucket} or {@code s3://bucket/prefix}; the prefix is taken literally (not
	 * percent-decoded) and must not carry a query
	 * @param endpoint {@code http(s)://host[:port]} of the S3-compatible service
	 */
	static DataLocation s3(String bucketUrl, String endpoint, String accessKey, String secretKey) {
		return new S3(bucketUrl, endpoint, accessKey, secretKey);
	}

	/** The location as the tools take it: the directory path, or the S3 URL with endpoint and path style, no keys. */
	String toolUrl();

	/** Environment variables the tool needs for this location (the S3 keys); empty for a local directory. */
	Map<String, String> environment();

	/** A local directory, given as an absolute path. */
	record LocalDir(Path dir) implements DataLocation {

		public LocalDir {
			Objects.requireNonNull(dir, "dir");
			if (!dir.isAbsolute()) {
				throw new IllegalArgumentException("output/data-source-dir: the directory must be absolute, was " + dir);
			}
		}

		@Override
		public String toolUrl() {
			return this.dir.toString();
		}

		@Override
		public Map<String, String> environment() {
			return Map.of();
		}

	}

	/**
	 * An S3 bucket/prefix on an S3-compatible endpoint, with path-style addressing (MinIO, Ceph, S3Mock).
	 * {@link #toString()} hides the secret key.
	 */
	record S3(String bucketUrl, String endpoint, String accessKey, String secretKey) implements DataLocation {

		/** S3 bucket naming (lower case, digits, dots, hyphens; 3–63). */
		private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

		public S3 {
			Objects.requireNonNull(bucketUrl, "bucketUrl");
			Objects.requireNonNull(endpoint, "endpoint");
			Objects.requireNonNull(accessKey, "accessKey");
			Objects.requireNonNull(secretKey, "secretKey");
			bucketOf(bucketUrl);
			checkEndpoint(endpoint);
			checkKey("accessKey", accessKey);
			checkKey("secretKey", secretKey);
		}

		public String bucket() {
			return bucketOf(this.bucketUrl);
		}

		/** The prefix inside the bucket, without leading or trailing slashes; empty for the bucket root. */
		public String prefix() {
			String rest = this.bucketUrl.substring("s3://".length() + bucket().length());
			int start = 0;
			int end = rest.length();
			while (start < end && rest.charAt(start) == '/') {
				start++;
			}
			while (end > start && rest.charAt(end - 1) == '/') {
				end--;
			}
			return rest.substring(start, end);
		}

		@Override
		public String toolUrl() {
			String prefix = prefix();
			return "s3://" + bucket() + (prefix.isEmpty() ? "" : "/" + UrlText.path(prefix)) + "?endpoint="
					+ UrlText.queryValue(this.endpoint) + "&force-path-style=true";
		}

		@Override
		public Map<String, String> environment() {
			return Map.of("AWS_ACCESS_KEY_ID", this.accessKey, "AWS_SECRET_ACCESS_KEY", this.secretKey);
		}

		@Override
		public String toString() {
			return "S3[" + this.bucketUrl + " at " + this.endpoint + ", accessKey " + this.accessKey
					+ ", secretKey ******]";
		}

		private static String bucketOf(String bucketUrl) {
			if (!bucketUrl.startsWith("s3://")) {
				throw new IllegalArgumentException("bucketUrl must start with s3://, was '" + bucketUrl + "'");
			}
			if (hasControlCharacter(bucketUrl) || bucketUrl.indexOf('?') >= 0 || bucketUrl.indexOf('#') >= 0) {
				throw new IllegalArgumentException(
						"bucketUrl must be s3://bucket[/prefix] without query, fragment or control characters, was '"
								+ bucketUrl + "'");
			}
			String rest = bucketUrl.substring("s3://".length());
			int slash = rest.indexOf('/');
			String bucket = slash < 0 ? rest : rest.substring(0, slash);
			if (!BUCKET.matcher(bucket).matches()) {
				throw new IllegalArgumentException("bucketUrl: '" + bucket
						+ "' is not a bucket name (3-63 of a-z 0-9 . -, starting and ending with a letter or digit)");
			}
			return bucket;
		}

		private static void checkEndpoint(String endpoint) {
			URI uri;
			try {
				uri = new URI(endpoint);
			}
			catch (URISyntaxException ex) {
				throw new IllegalArgumentException("endpoint is not a URL: '" + endpoint + "'", ex);
			}
			if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
				throw new IllegalArgumentException("endpoint must be http(s)://host[:port], was '" + endpoint + "'");
			}
			if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
				throw new IllegalArgumentException(
						"endpoint must not carry credentials, a query or a fragment, was '" + endpoint + "'");
			}
		}

		private static void checkKey(String field, String key) {
			if (key.isBlank() || hasControlCharacter(key)) {
				throw new IllegalArgumentException(field + " must be non-blank without control characters");
			}
		}

	}

	private static boolean hasControlCharacter(String value) {
		return value.chars().anyMatch(Character::isISOControl);
	}

}
