package dev.ferry.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/** AES-256-GCM with a random 96-bit IV per value; the stored form is base64(iv || ciphertext+tag). */
final class SecretCipher {

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final SecureRandom random = new SecureRandom();

	SecretCipher(SecretKey key) {
		this.key = key;
	}

	String encrypt(String plaintext, String associatedData) {
		try {
			byte[] iv = new byte[IV_BYTES];
			this.random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
			System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
			return Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encrypt a secret", ex);
		}
	}

	String decrypt(String stored, String associatedData) {
		try {
			byte[] in = Base64.getDecoder().decode(stored);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException(
					"Cannot decrypt a stored secret: was FERRY_SECRET_KEY or the secret.key file changed?", ex);
		}
	}

}
