package dev.ferry.secret;

import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AES-256-GCM sealing of stored secrets: round trips, random IVs, integrity and the associated data. */
class SecretCipherTests {

	private static final String PURPOSE = "cluster.password";

	private final SecretCipher cipher = new SecretCipher(randomKey());

	@ParameterizedTest
	@ValueSource(strings = { "", "s3cr3t", "p@ss word \"quoted\" \\ back", "ünïcödé 密码 пароль", "emoji 🔐🚀 and 👩‍💻" })
	void roundTripsTheText(String plaintext) {
		String stored = this.cipher.encrypt(plaintext, PURPOSE);

		assertThat(this.cipher.decrypt(stored, PURPOSE)).isEqualTo(plaintext);
	}

	@Test
	void roundTripsTenKilobytes() {
		String plaintext = "0123456789abcdef".repeat(640);
		assertThat(plaintext).hasSize(10 * 1024);

		String stored = this.cipher.encrypt(plaintext, PURPOSE);

		assertThat(this.cipher.decrypt(stored, PURPOSE)).isEqualTo(plaintext);
	}

	@Test
	void storedFormIsBase64OfIvCiphertextAndTagAndDoesNotContainThePlaintext() {
		String plaintext = "visible-password";

		String stored = this.cipher.encrypt(plaintext, PURPOSE);

		byte[] raw = Base64.getDecoder().decode(stored);
		// 12-byte IV + ciphertext (same length as the UTF-8 plaintext in GCM) + 16-byte tag
		assertThat(raw).hasSize(12 + plaintext.length() + 16);
		assertThat(stored).doesNotContain(plaintext);
		assertThat(new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(plaintext);
	}

	@Test
	void twoEncryptionsOfTheSameTextDifferBecauseTheIvIsRandom() {
		String first = this.cipher.encrypt("same text", PURPOSE);
		String second = this.cipher.encrypt("same text", PURPOSE);

		assertThat(first).isNotEqualTo(second);
		byte[] firstIv = java.util.Arrays.copyOf(Base64.getDecoder().decode(first), 12);
		byte[] secondIv = java.util.Arrays.copyOf(Base64.getDecoder().decode(second), 12);
		assertThat(firstIv).isNotEqualTo(secondIv);
		assertThat(this.cipher.decrypt(first, PURPOSE)).isEqualTo("same text");
		assertThat(this.cipher.decrypt(second, PURPOSE)).isEqualTo("same text");
	}

	@Test
	void tamperingWithAnyByteOfIvCiphertextOrTagFails() {
		String stored = this.cipher.encrypt("tamper-proof", PURPOSE);
		byte[] raw = Base64.getDecoder().decode(stored);

		for (int i = 0; i < raw.length; i++) {
			byte[] tampered = raw.clone();
			tampered[i] ^= 0x01;
			String forged = Base64.getEncoder().encodeToString(tampered);
			int index = i;
			assertThatThrownBy(() -> this.cipher.decrypt(forged, PURPOSE))
				.as("flipping a bit of byte %d of %d", index, raw.length)
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("FERRY_SECRET_KEY");
		}
	}

	@Test
	void truncatedOrNonBase64StoredValuesFailWithIllegalStateException() {
		String stored = this.cipher.encrypt("tamper-proof", PURPOSE);
		byte[] raw = Base64.getDecoder().decode(stored);

		String withoutLastByte = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, raw.length - 1));
		String shorterThanIv = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, 5));

		assertThatThrownBy(() -> this.cipher.decrypt(withoutLastByte, PURPOSE)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> this.cipher.decrypt(shorterThanIv, PURPOSE)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> this.cipher.decrypt("", PURPOSE)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> this.cipher.decrypt("not base64 at all!", PURPOSE))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void decryptingWithAnotherPurposeFails() {
		String stored = this.cipher.encrypt("bound to a purpose", "cluster.password");

		assertThatThrownBy(() -> this.cipher.decrypt(stored, "s3.secretKey")).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> this.cipher.decrypt(stored, "")).isInstanceOf(IllegalStateException.class);
		assertThat(this.cipher.decrypt(stored, "cluster.password")).isEqualTo("bound to a purpose");
	}

	@Test
	void decryptingWithAnotherKeyFailsAndPointsAtTheKeyConfiguration() {
		String stored = this.cipher.encrypt("key bound", PURPOSE);
		SecretCipher other = new SecretCipher(randomKey());

		assertThatThrownBy(() -> other.decrypt(stored, PURPOSE)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("FERRY_SECRET_KEY")
			.hasMessageContaining("secret.key");
	}

	@Test
	void aCipherWithTheSameKeyBytesDecryptsWhatAnotherInstanceEncrypted() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		String stored = new SecretCipher(new SecretKeySpec(bytes, "AES")).encrypt("portable", PURPOSE);

		assertThat(new SecretCipher(new SecretKeySpec(bytes.clone(), "AES")).decrypt(stored, PURPOSE))
			.isEqualTo("portable");
	}

	private static SecretKey randomKey() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return new SecretKeySpec(bytes, "AES");
	}

}
