package dev.ferry.secret;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the at-rest key comes from: FERRY_SECRET_KEY, or a 0600 secret.key file created on first start. */
class SecretKeyLoaderTests {

	@TempDir
	Path home;

	@Test
	void withoutAConfiguredKeyCreatesAPrivateKeyFileHolding32RandomBytes() throws Exception {
		SecretKey key = SecretKeyLoader.load(null, this.home);

		Path keyFile = this.home.resolve("secret.key");
		assertThat(keyFile).isRegularFile();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
		String content = Files.readString(keyFile, StandardCharsets.US_ASCII);
		byte[] decoded = Base64.getDecoder().decode(content.strip());
		assertThat(decoded).hasSize(32);
		assertThat(decoded).isNotEqualTo(new byte[32]);
		assertThat(key.getEncoded()).isEqualTo(decoded);
		assertThat(key.getAlgorithm()).isEqualTo("AES");
	}

	@Test
	void aSecondLoadReturnsTheSameKeyFromTheFile() throws Exception {
		SecretKey first = SecretKeyLoader.load(null, this.home);
		String fileAfterFirst = Files.readString(this.home.resolve("secret.key"));

		SecretKey second = SecretKeyLoader.load(null, this.home);

		assertThat(second.getEncoded()).isEqualTo(first.getEncoded());
		assertThat(Files.readString(this.home.resolve("secret.key"))).isEqualTo(fileAfterFirst);
	}

	@Test
	void twoHomesGetDifferentKeys() {
		SecretKey one = SecretKeyLoader.load(null, this.home.resolve("one"));
		SecretKey two = SecretKeyLoader.load(null, this.home.resolve("two"));

		assertThat(one.getEncoded()).isNotEqualTo(two.getEncoded());
	}

	@Test
	void aBlankConfiguredKeyFallsBackToTheKeyFile() {
		SecretKey key = SecretKeyLoader.load("   ", this.home);

		assertThat(this.home.resolve("secret.key")).isRegularFile();
		assertThat(SecretKeyLoader.load(null, this.home).getEncoded()).isEqualTo(key.getEncoded());
	}

	@Test
	void aConfiguredKeyOf32BytesIsUsedAndNoFileIsCreated() throws Exception {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		String configured = Base64.getEncoder().encodeToString(bytes);

		SecretKey key = SecretKeyLoader.load("  " + configured + "\n", this.home);

		assertThat(key.getEncoded()).isEqualTo(bytes);
		assertThat(key.getAlgorithm()).isEqualTo("AES");
		assertThat(this.home.resolve("secret.key")).doesNotExist();
		try (var entries = Files.list(this.home)) {
			assertThat(entries).isEmpty();
		}
	}

	@Test
	void aConfiguredKeyWinsOverAnExistingKeyFile() {
		SecretKey fromFile = SecretKeyLoader.load(null, this.home);
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);

		SecretKey configured = SecretKeyLoader.load(Base64.getEncoder().encodeToString(bytes), this.home);

		assertThat(configured.getEncoded()).isEqualTo(bytes).isNotEqualTo(fromFile.getEncoded());
	}

	@Test
	void aConfiguredKeyThatIsNotBase64FailsAndSuggestsHowToGenerateOne() {
		assertThatThrownBy(() -> SecretKeyLoader.load("this is *not* base64!", this.home))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("FERRY_SECRET_KEY")
			.hasMessageContaining("not base64")
			.hasMessageContaining("openssl rand -base64 32");
		assertThat(this.home.resolve("secret.key")).doesNotExist();
	}

	@Test
	void aConfiguredKeyOf16BytesFailsNamingTheLengthAndSuggestsHowToGenerateOne() {
		String sixteen = Base64.getEncoder().encodeToString(new byte[16]);

		assertThatThrownBy(() -> SecretKeyLoader.load(sixteen, this.home)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("FERRY_SECRET_KEY")
			.hasMessageContaining("32 bytes")
			.hasMessageContaining("found 16")
			.hasMessageContaining("openssl rand -base64 32");
	}

	@Test
	void aConfiguredKeyOf33BytesIsAlsoRejected() {
		String tooLong = Base64.getEncoder().encodeToString(new byte[33]);

		assertThatThrownBy(() -> SecretKeyLoader.load(tooLong, this.home)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("found 33");
	}

	@Test
	void aCorruptKeyFileFailsNamingTheFile() throws Exception {
		Path keyFile = this.home.resolve("secret.key");
		Files.writeString(keyFile, Base64.getEncoder().encodeToString(new byte[16]));

		assertThatThrownBy(() -> SecretKeyLoader.load(null, this.home)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining(keyFile.toString())
			.hasMessageContaining("found 16")
			.hasMessageContaining("openssl rand -base64 32");
	}

	@Test
	void aHomeThatDoesNotExistYetIsCreated() throws Exception {
		Path missingHome = this.home.resolve("not").resolve("yet");
		assertThat(missingHome).doesNotExist();

		SecretKey key = SecretKeyLoader.load(null, missingHome);

		assertThat(missingHome).isDirectory();
		Path keyFile = missingHome.resolve("secret.key");
		assertThat(keyFile).isRegularFile();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
		assertThat(Base64.getDecoder().decode(Files.readString(keyFile).strip())).isEqualTo(key.getEncoded());
	}

}
