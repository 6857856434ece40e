package dev.ferry.s3;

import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;

/** Failure descriptions that end up in record messages repeat S3's status and code, never the endpoint's text. */
class S3FailuresTests {

	@Test
	void describesStatusAndCodeOnly() {
		var failure = new CompletionException(s3Error(403, "AccessDenied", "secret internal page"));

		assertThat(S3Failures.describe(failure)).isEqualTo("HTTP 403 AccessDenied");
		assertThat(S3Failures.describeForLog(failure)).isEqualTo("HTTP 403 AccessDenied: secret internal page");
	}

	@Test
	void leavesOutACodeThatIsNoS3ErrorCode() {
		assertThat(S3Failures.describe(s3Error(500, "<html>secret internal page</html>", null))).isEqualTo("HTTP 500");
	}

	private static S3Exception s3Error(int status, String code, String message) {
		return (S3Exception) S3Exception.builder()
			.statusCode(status)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
			.build();
	}

}
