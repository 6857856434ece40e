package dev.ferry.s3;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Parsing and checking TiUniManager's endpointUrl / bucketUrl, and joining keys. */
class S3LocationTests {

	@ParameterizedTest
	@CsvSource({
			"http://127.0.0.1:9000, s3://my-bucket, http://127.0.0.1:9000, my-bucket, ''",
			"HTTPS://S3.Example.COM/, s3://my-bucket/exports/c1/, https://s3.example.com, my-bucket, exports/c1",
			"http://minio:9000, my-bucket/a/b, http://minio:9000, my-bucket, a/b",
			"'  http://[::1]:9000  ', '  S3://my.bucket.1 ', http://[::1]:9000, my.bucket.1, ''",
			"https://s3.amazonaws.com, s3://abc/dir with space/ünï, https://s3.amazonaws.com, abc, dir with space/ünï" })
	void parsesEndpointAndBucketUrl(String endpointUrl, String bucketUrl, String endpoint, String bucket,
			String prefix) {
		S3Location location = S3Location.parse(endpointUrl, bucketUrl);

		assertThat(location.endpoint()).isEqualTo(URI.create(endpoint));
		assertThat(location.bucket()).isEqualTo(bucket);
		assertThat(location.prefix()).isEqualTo(prefix);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"''                          | endpointUrl is empty",
			"'   '                       | endpointUrl is empty",
			"minio:9000                  | endpointUrl 'minio:9000' has no scheme: it must start with http:// or https://",
			"127.0.0.1:9000              | endpointUrl '127.0.0.1:9000' has no scheme",
			"ftp://host:21               | endpointUrl 'ftp://host:21' must start with http:// or https://",
			"http://host:9000/some/path  | must not have a path",
			"http://host:9000?x=1        | must not have a query or fragment",
			"http://ak:sk@host:9000      | endpointUrl must not contain user info",
			"http://under_score:9000     | has no valid host name",
			"http://host:99999           | has an invalid port 99999",
			"'http://ho st'              | is not a valid URL" })
	void rejectsBadEndpointUrls(String endpointUrl, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> S3Location.parse(endpointUrl, "s3://bucket"))
			.withMessageContaining(message)
			.withMessageStartingWith("endpointUrl");
	}

	@Test
	void doesNotEchoAnEndpointWithUserInfo() {
		assertThatIllegalArgumentException().isThrownBy(() -> S3Location.parse("minio:s3cr3t@host", "s3://bucket"))
			.withMessageNotContaining("s3cr3t");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"''                  | bucketUrl is empty",
			"s3://               | bucketUrl: the bucket name is empty",
			"s3:///prefix        | bucketUrl: the bucket name is empty",
			"http://bucket/x     | bucketUrl must be s3://bucket or s3://bucket/prefix, not a http:// URL",
			"s3://ab             | bucketUrl: bucket name 'ab' must be 3 to 63 characters long",
			"s3://My_Bucket      | bucketUrl: bucket name 'My_Bucket' may only contain lower-case letters",
			"s3://-bucket        | must start and end with a letter or digit",
			"s3://bucket.        | must start and end with a letter or digit",
			"s3://my..bucket     | must not contain two adjacent dots",
			"s3://192.168.1.10   | must not be formatted as an IP address",
			"s3://bucket/../etc  | bucketUrl: prefix '../etc' must not contain '..' segments",
			"s3://bucket/a/../b  | must not contain '..' segments",
			"s3://bucket/a/./b   | must not contain '.' segments",
			"s3://bucket/a//b    | has an empty path segment (//)",
			"s3://bucket//       | has an empty path segment (//)",
			"s3://bucket/a?x=1   | must not contain '?'",
			"s3://bucket/a#b     | must not contain '#'",
			"s3://bucket/a\\b    | must not contain '\\'" })
	void rejectsBadBucketUrls(String bucketUrl, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> S3Location.parse("http://host:9000", bucketUrl))
			.withMessageContaining(message)
			.withMessageStartingWith("bucketUrl");
	}

	@Test
	void rejectsTooLongBucketNamesAndPrefixes() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> S3Location.parse("http://h", "s3://" + "b".repeat(64)))
			.withMessageContaining("3 to 63 characters");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> S3Location.parse("http://h", "s3://bucket/" + "p".repeat(513)))
			.withMessageContaining("longer than 512 bytes");
	}

	@Test
	void rejectsControlCharacters() {
		assertThatIllegalArgumentException().isThrownBy(() -> S3Location.parse("http://h", "s3://bucket/a\nb"))
			.withMessageContaining("control character");
	}

	@Test
	void validateThrowsLikeParse() {
		S3Location.validate("http://host:9000", "s3://bucket/p");
		assertThatIllegalArgumentException().isThrownBy(() -> S3Location.validate(null, "s3://bucket"))
			.withMessage("endpointUrl is empty: give an http:// or https:// URL");
		assertThatIllegalArgumentException().isThrownBy(() -> S3Location.validate("http://host", null))
			.withMessageStartingWith("bucketUrl is empty");
	}

	@Test
	void joinsKeysBelowThePrefix() {
		S3Location location = S3Location.parse("http://host:9000", "s3://bucket/exports/c1");

		assertThat(location.keyPrefix()).isEqualTo("exports/c1/");
		assertThat(location.key("db.t.00000.sql")).isEqualTo("exports/c1/db.t.00000.sql");
		assertThat(location.key("sub/dir/f#1?.sql")).isEqualTo("exports/c1/sub/dir/f#1?.sql");
		assertThat(location.key(Path.of("sub", "f.sql"))).isEqualTo("exports/c1/sub/f.sql");
		assertThat(S3Location.parse("http://host", "bucket").key("f.sql")).isEqualTo("f.sql");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/abs", "../up", "a/../../b", "a//b", "./a", "a/", "a\u0000b" })
	void refusesBadRelativePaths(String relative) {
		S3Location location = S3Location.parse("http://host:9000", "s3://bucket/p");

		assertThatIllegalArgumentException().isThrownBy(() -> location.key(relative));
	}

	@Test
	void refusesTooLongKeysAndAbsolutePaths() {
		S3Location location = S3Location.parse("http://host:9000", "s3://bucket/p");

		assertThatIllegalArgumentException().isThrownBy(() -> location.key("x".repeat(1023)))
			.withMessageContaining("longer than 1024 bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> location.key(Path.of("/etc/passwd")))
			.withMessageContaining("is absolute");
	}

	@Test
	void resolvesSubPrefixes() {
		S3Location location = S3Location.parse("http://host:9000", "s3://bucket/exports");

		assertThat(location.resolve("c1/r7/").prefix()).isEqualTo("exports/c1/r7");
		assertThat(S3Location.parse("http://host", "bucket").resolve("c1").prefix()).isEqualTo("c1");
		assertThat(location.resolve("")).isEqualTo(location);
		assertThatIllegalArgumentException().isThrownBy(() -> location.resolve("../x"));
	}

	@Test
	void toStringShowsOnlyWhere() {
		S3Location location = S3Location.parse("http://host:9000", "s3://bucket/exports");

		assertThat(location).hasToString("s3://bucket/exports at http://host:9000");
		assertThat(location.s3Url()).isEqualTo("s3://bucket/exports");
	}

	@Test
	void credentialsMaskTheSecret() {
		S3Credentials credentials = S3Credentials.of("AKIAEXAMPLE", "wJalrXUtnFEMI/K7MDENG");

		assertThat(credentials.toString()).contains("AKIAEXAMPLE").doesNotContain("wJalrXUtnFEMI");
		assertThat(credentials.toEnvironment()).containsEntry("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")
			.containsEntry("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG");
		assertThatIllegalArgumentException().isThrownBy(() -> S3Credentials.of("", "x")).withMessage("accessKey is empty");
		assertThatIllegalArgumentException().isThrownBy(() -> S3Credentials.of("a", null))
			.withMessage("secretAccessKey is empty");
	}

}
