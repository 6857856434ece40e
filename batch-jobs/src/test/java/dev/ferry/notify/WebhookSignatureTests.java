package dev.ferry.notify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTests {

	private static final String SECRET = "ferry-test-secret-123";

	private static final String BODY = "{\"event\":\"transfer.failed\",\"recordId\":42}";

	@Test
	void signsTimestampDotBodyLikeOpenssl() {
		// printf '%s.%s' 1700000000 "$BODY" | openssl dgst -sha256 -hmac ferry-test-secret-123
		assertThat(WebhookSignature.sign(SECRET, 1700000000L, BODY))
			.isEqualTo("sha256=c830b6d74a93ea004559c68cd1833aeed849d703e2bf882d4610bd00772b9679");
	}

	@Test
	void verifiesOnlyTheSameSecretTimestampAndBody() {
		String signature = WebhookSignature.sign(SECRET, 1700000000L, BODY);

		assertThat(WebhookSignature.verify(SECRET, 1700000000L, BODY, signature)).isTrue();
		assertThat(WebhookSignature.verify("another-secret-of-16", 1700000000L, BODY, signature)).isFalse();
		assertThat(WebhookSignature.verify(SECRET, 1700000001L, BODY, signature)).as("a replayed body, new time")
			.isFalse();
		assertThat(WebhookSignature.verify(SECRET, 1700000000L, BODY.replace("42", "43"), signature)).isFalse();
	}

}
