package dev.ferry.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook call: {@code sha256=} and the hex HMAC-SHA256, keyed with the shared secret, of
 * {@code <timestamp>.<raw body>}, where the timestamp (seconds since the epoch) is also sent as
 * {@code X-Ferry-Timestamp}. Signing the timestamp lets a receiver refuse old (replayed) calls.
 */
public final class WebhookSignature {

	/** The header carrying the signature. */
	public static final String SIGNATURE_HEADER = "X-Ferry-Signature";

	/** The header carrying the signed timestamp. */
	public static final String TIMESTAMP_HEADER = "X-Ferry-Timestamp";

	private WebhookSignature() {
	}

	/** {@code sha256=<hex>} of {@code timestamp + "." + body}. */
	public static String sign(String secret, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
			return "sha256=" + HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/** True if the signature is the one of this timestamp and body (compared in constant time). */
	public static boolean verify(String secret, long timestamp, String body, String signature) {
		return MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8),
				signature.getBytes(StandardCharsets.UTF_8));
	}

}
