package dev.ferry.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Where objects go: an S3-compatible endpoint, a bucket and a key prefix, as given by TiUniManager's
 * {@code endpointUrl} and {@code bucketUrl} request fields. Holds no credentials, so {@link #toString()} is safe to log.
 * <p>
 * {@code endpointUrl} must be an absolute {@code http://} or {@code https://} URL with a host, an optional port and
 * nothing else (no path, query, fragment or user info). A bare {@code host:port} is <em>rejected</em> rather than
 * given a default scheme: TiUniManager's console always prepends the scheme the user picked, the same URL is handed to
 * the TiDB tools, and silently choosing plain HTTP (or HTTPS for a plain-HTTP MinIO) would fail later with a less clear
 * error. Scheme and host are lower-cased, a trailing {@code /} is dropped.
 * <p>
 * {@code bucketUrl} is {@code s3://bucket}, {@code s3://bucket/some/prefix} or the same without {@code s3://}.
 * The bucket name follows the S3 rules for general purpose buckets (3-63 characters of {@code a-z 0-9 . -}, starting
 * and ending with a letter or digit, no {@code ..}, not an IP address); trailing slashes of the prefix are dropped; the
 * prefix may not contain empty, {@code .} or {@code ..} segments, control characters, backslashes, {@code ?} or
 * {@code #} (it also goes into the TiDB tools' {@code s3://} URLs). Relative paths given to {@link #key(String)} may
 * contain any character but control characters.
 *
 * @param endpoint the normalised endpoint, e.g. {@code http://127.0.0.1:9000}
 * @param bucket the bucket name
 * @param prefix the key prefix without leading or trailing {@code /}; empty for the bucket's root
 */
public record S3Location(URI endpoint, String bucket, String prefix) {

	private static final Pattern BUCKET_CHARS = Pattern.compile("[a-z0-9.-]+");

	private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern URL_SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);

	private static final int MAX_PREFIX_BYTES = 512;

	private static final int MAX_KEY_BYTES = 1024;

	public S3Location {
		Objects.requireNonNull(endpoint, "endpoint");
		Objects.requireNonNull(bucket, "bucket");
		Objects.requireNonNull(prefix, "prefix");
		checkEndpoint(endpoint);
		checkBucket(bucket);
		if (!prefix.isEmpty()) {
			checkPrefix(prefix);
		}
	}

	/**
	 * Parses TiUniManager's request fields.
	 * @throws IllegalArgumentException naming the field ({@code endpointUrl} or {@code bucketUrl}) and what is wrong
	 */
	public static S3Location parse(@Nullable String endpointUrl, @Nullable String bucketUrl) {
		URI endpoint = parseEndpoint(endpointUrl);
		if (bucketUrl == null || bucketUrl.isBlank()) {
			throw new IllegalArgumentException("bucketUrl is empty: give s3://bucket or s3://bucket/prefix");
		}
		String rest = bucketUrl.strip();
		if (rest.regionMatches(true, 0, "s3://", 0, 5)) {
			rest = rest.substring(5);
		}
		else if (URL_SCHEME.matcher(rest).matches()) {
			throw new IllegalArgumentException("bucketUrl must be s3://bucket or s3://bucket/prefix, not a "
					+ rest.substring(0, rest.indexOf(':')) + ":// URL");
		}
		int slash = rest.indexOf('/');
		String bucket = (slash < 0) ? rest : rest.substring(0, slash);
		String prefix = (slash < 0) ? "" : rest.substring(slash + 1);
		while (prefix.endsWith("/")) {
			prefix = prefix.substring(0, prefix.length() - 1);
		}
		if (slash >= 0 && prefix.isEmpty() && rest.length() > slash + 1) {
			// "s3://bucket//": nothing but slashes after the bucket
			throw new IllegalArgumentException("bucketUrl: the prefix '" + rest.substring(slash + 1)
					+ "' has an empty path segment (//)");
		}
		return new S3Location(endpoint, bucket, prefix);
	}

	/**
	 * Checks TiUniManager's request fields without keeping the result.
	 * @throws IllegalArgumentException as {@link #parse(String, String)}
	 */
	public static void validate(@Nullable String endpointUrl, @Nullable String bucketUrl) {
		parse(endpointUrl, bucketUrl);
	}

	/** The prefix as keys under it start: empty, or the prefix followed by {@code /}. */
	public String keyPrefix() {
		return this.prefix.isEmpty() ? "" : this.prefix + "/";
	}

	/**
	 * The object key of a file at {@code relativePath} (segments separated by {@code /}) below this location.
	 * @throws IllegalArgumentException when the path is empty, absolute, contains {@code .}/{@code ..}/empty
	 * segments or the key would exceed 1024 bytes
	 */
	public String key(String relativePath) {
		Objects.requireNonNull(relativePath, "relativePath");
		if (relativePath.isEmpty()) {
			throw new IllegalArgumentException("relative path is empty");
		}
		checkPath(relativePath, "relative path", "path");
		String key = keyPrefix() + relativePath;
		if (utf8Length(key) > MAX_KEY_BYTES) {
			throw new IllegalArgumentException("object key for '" + relativePath + "' is longer than "
					+ MAX_KEY_BYTES + " bytes");
		}
		return key;
	}

	/** {@link #key(String)} for a relative file system path; its name elements are joined with {@code /}. */
	public String key(Path relativePath) {
		if (relativePath.isAbsolute()) {
			throw new IllegalArgumentException("relative path '" + relativePath + "' is absolute");
		}
		StringBuilder joined = new StringBuilder();
		for (Path element : relativePath) {
			if (!joined.isEmpty()) {
				joined.append('/');
			}
			joined.append(element);
		}
		return key(joined.toString());
	}

	/** This location with {@code subPrefix} (e.g. {@code "cluster-1/record-7"}) appended to its prefix. */
	public S3Location resolve(String subPrefix) {
		String sub = subPrefix;
		while (sub.endsWith("/")) {
			sub = sub.substring(0, sub.length() - 1);
		}
		if (sub.isEmpty()) {
			return this;
		}
		checkPath(sub, "sub-prefix", "path");
		return new S3Location(this.endpoint, this.bucket, keyPrefix() + sub);
	}

	/** {@code s3://bucket} or {@code s3://bucket/prefix} (no endpoint, no credentials). */
	public String s3Url() {
		return "s3://" + this.bucket + (this.prefix.isEmpty() ? "" : "/" + this.prefix);
	}

	@Override
	public String toString() {
		return s3Url() + " at " + this.endpoint;
	}

	private static URI parseEndpoint(@Nullable String endpointUrl) {
		if (endpointUrl == null || endpointUrl.isBlank()) {
			throw new IllegalArgumentException("endpointUrl is empty: give an http:// or https:// URL");
		}
		String text = endpointUrl.strip();
		String shown = text.contains("@") ? "(value not shown: it contains '@')" : "'" + text + "'";
		if (!text.contains("://")) {
			throw new IllegalArgumentException("endpointUrl " + shown
					+ " has no scheme: it must start with http:// or https:// (e.g. http://minio.example:9000)");
		}
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("endpointUrl " + shown + " is not a valid URL: " + ex.getReason());
		}
		if (uri.getScheme() == null || !isHttp(uri.getScheme())) {
			throw new IllegalArgumentException("endpointUrl " + shown + " must start with http:// or https://");
		}
		if (uri.getRawUserInfo() != null) {
			throw new IllegalArgumentException(
					"endpointUrl must not contain user info (user:password@); give the keys as accessKey/secretAccessKey");
		}
		if (uri.getHost() == null) {
			throw new IllegalArgumentException("endpointUrl " + shown + " has no valid host name");
		}
		String path = uri.getRawPath();
		if (path != null && !path.isEmpty() && !path.equals("/")) {
			throw new IllegalArgumentException("endpointUrl " + shown
					+ " must not have a path: give only scheme, host and port (the bucket goes into bucketUrl)");
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException("endpointUrl " + shown + " must not have a query or fragment");
		}
		if (uri.getPort() == 0 || uri.getPort() > 65535) {
			throw new IllegalArgumentException("endpointUrl " + shown + " has an invalid port " + uri.getPort());
		}
		try {
			return new URI(uri.getScheme().toLowerCase(Locale.ROOT), null, uri.getHost().toLowerCase(Locale.ROOT),
					uri.getPort(), null, null, null);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("endpointUrl " + shown + " is not a valid URL: " + ex.getReason());
		}
	}

	private static void checkEndpoint(URI endpoint) {
		if (!endpoint.isAbsolute() || !isHttp(endpoint.getScheme())) {
			throw new IllegalArgumentException("endpointUrl must be an http:// or https:// URL");
		}
		if (endpoint.getHost() == null || endpoint.getRawUserInfo() != null) {
			throw new IllegalArgumentException("endpointUrl must have a host and no user info");
		}
		String path = endpoint.getRawPath();
		if ((path != null && !path.isEmpty() && !path.equals("/")) || endpoint.getRawQuery() != null
				|| endpoint.getRawFragment() != null) {
			throw new IllegalArgumentException("endpointUrl must not have a path, query or fragment");
		}
	}

	private static boolean isHttp(String scheme) {
		return scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https");
	}

	private static void checkBucket(String bucket) {
		String shown = "bucketUrl: bucket name '" + bucket + "'";
		if (bucket.isEmpty()) {
			throw new IllegalArgumentException("bucketUrl: the bucket name is empty");
		}
		if (bucket.length() < 3 || bucket.length() > 63) {
			throw new IllegalArgumentException(shown + " must be 3 to 63 characters long");
		}
		if (!BUCKET_CHARS.matcher(bucket).matches()) {
			throw new IllegalArgumentException(
					shown + " may only contain lower-case letters, digits, dots and hyphens");
		}
		if (!Character.isLetterOrDigit(bucket.charAt(0))
				|| !Character.isLetterOrDigit(bucket.charAt(bucket.length() - 1))) {
			throw new IllegalArgumentException(shown + " must start and end with a letter or digit");
		}
		if (bucket.contains("..")) {
			throw new IllegalArgumentException(shown + " must not contain two adjacent dots");
		}
		if (IP_ADDRESS.matcher(bucket).matches()) {
			throw new IllegalArgumentException(shown + " must not be formatted as an IP address");
		}
	}

	/**
	 * Checks a {@code /}-separated relative path: not absolute, no empty, {@code .} or {@code ..} segments, no
	 * control characters. Any other character is allowed (S3 keys may contain them).
	 */
	static void checkPath(String path, String field, String what) {
		String shown = field + ": " + what + " '" + printable(path) + "'";
		if (path.startsWith("/")) {
			throw new IllegalArgumentException(shown + " must not start with /");
		}
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c < 0x20 || c == 0x7f) {
				throw new IllegalArgumentException(shown + " contains a control character");
			}
		}
		for (String segment : path.split("/", -1)) {
			if (segment.isEmpty()) {
				throw new IllegalArgumentException(shown + " has an empty path segment (//)");
			}
			if (segment.equals("..") || segment.equals(".")) {
				throw new IllegalArgumentException(shown + " must not contain '" + segment + "' segments");
			}
		}
	}

	/** {@link #checkPath} plus no {@code \}, {@code ?} or {@code #}: the prefix also goes into the tools' URLs. */
	private static void checkPrefix(String prefix) {
		checkPath(prefix, "bucketUrl", "prefix");
		for (char c : new char[] { '\\', '?', '#' }) {
			if (prefix.indexOf(c) >= 0) {
				throw new IllegalArgumentException(
						"bucketUrl: prefix '" + printable(prefix) + "' must not contain '" + c + "'");
			}
		}
		if (utf8Length(prefix) > MAX_PREFIX_BYTES) {
			throw new IllegalArgumentException("bucketUrl: the prefix is longer than " + MAX_PREFIX_BYTES + " bytes");
		}
	}

	private static String printable(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			out.append((c < 0x20 || c == 0x7f) ? '?' : c);
		}
		return out.toString();
	}

	private static int utf8Length(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

}
