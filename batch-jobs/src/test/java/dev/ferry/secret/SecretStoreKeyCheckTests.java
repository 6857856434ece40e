package dev.ferry.secret;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ferry.config.FerryProperties;
import dev.ferry.support.FerrySchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node must not start with a key that cannot open the stored secrets (another node's key, a lost key file): on
 * Ferry's real schema (Liquibase) in H2.
 */
class SecretStoreKeyCheckTests {

	@TempDir
	Path home;

	JdbcClient jdbc;

	@BeforeEach
	void schema() {
		this.jdbc = JdbcClient.create(FerrySchema.inMemoryH2());
	}

	@Test
	void theFirstStartSealsAKnownValueAndTheSameKeyStartsAgain() {
		String key = randomKey();
		SecretStore first = start(key);
		long id = first.store("cluster-password", "pw");

		SecretStore again = start(key);

		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM FERRY_SECRET WHERE PURPOSE = 'key-check'").query(Long.class)
			.single()).isEqualTo(1);
		assertThat(again.reveal(id)).isEqualTo("pw");
	}

	@Test
	void anotherKeyIsRefusedNamingWhereItCameFromButNeverTheKey() {
		start(randomKey());
		String other = randomKey();

		assertThatThrownBy(() -> start(other)).isInstanceOf(SecretKeyException.class)
			.hasMessageContaining("The secret key from FERRY_SECRET_KEY is not the key that encrypted the secrets")
			.hasMessageNotContaining(other)
			.satisfies((ex) -> assertThat(((SecretKeyException) ex).source()).isEqualTo("FERRY_SECRET_KEY"));
	}

	@Test
	void aNewKeyFileInAnExistingDatabaseIsRefused() throws Exception {
		start(null);
		Files.delete(this.home.resolve("secret.key")); // the key file was lost; a new one is created on start

		assertThatThrownBy(() -> start(null)).isInstanceOf(SecretKeyException.class)
			.hasMessageContaining("The secret key from " + this.home.resolve("secret.key"));
	}

	@Test
	void aDatabaseFromBeforeTheCheckIsCheckedAgainstItsOldestSecret() {
		String key = randomKey();
		start(key).store("cluster-password", "pw");
		this.jdbc.sql("DELETE FROM FERRY_SECRET WHERE PURPOSE = 'key-check'").update();

		assertThatThrownBy(() -> start(randomKey())).isInstanceOf(SecretKeyException.class);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM FERRY_SECRET WHERE PURPOSE = 'key-check'").query(Long.class)
			.single()).as("nothing sealed with the wrong key").isZero();
		start(key);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM FERRY_SECRET WHERE PURPOSE = 'key-check'").query(Long.class)
			.single()).isEqualTo(1);
	}

	private SecretStore start(String key) {
		SecretStore store = new SecretStore(this.jdbc, properties(), key);
		store.afterPropertiesSet();
		return store;
	}

	private FerryProperties properties() {
		return new FerryProperties(this.home, this.home, this.home, 4,
				new FerryProperties.Tools("mydumper", "myloader", 4, Duration.ofHours(1), Duration.ofSeconds(1),
						Duration.ofSeconds(1), "tiup", "", ""),
				new FerryProperties.Files(1, 1, 1, 1, 1, 1), false);
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

}
