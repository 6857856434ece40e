package dev.ferry.secret;

import java.time.LocalDateTime;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ferry.config.FerryProperties;

/**
 * Keeps secrets encrypted in {@code FERRY_SECRET}. Callers hold only the id; the plaintext is revealed at the
 * moment a tool needs it (a 0600 defaults file, a process environment) and never stored elsewhere.
 */
@Service
public class SecretStore implements InitializingBean {

	static final String KEY_CHECK_PURPOSE = "key-check";

	private static final String KEY_CHECK_VALUE = "ferry";

	private final JdbcClient jdbc;

	private final SecretCipher cipher;

	private final String keySource;

	SecretStore(JdbcClient jdbc, FerryProperties properties, @Value("${FERRY_SECRET_KEY:}") @Nullable String key) {
		this.jdbc = jdbc;
		this.cipher = new SecretCipher(SecretKeyLoader.load(key, properties.home()));
		this.keySource = SecretKeyLoader.source(key, properties.home());
	}

	/**
	 * Refuses to start with a key that cannot open what is stored: a node started with another key (or a lost key
	 * file) would otherwise fail every transfer, and seal new secrets that the other nodes cannot read. The first start
	 * stores a known value sealed with its key; every start after it, on every node, must open that value (or, in a
	 * database from before the check, the oldest secret).
	 */
	@Override
	public void afterPropertiesSet() {
		Optional<String[]> keyCheck = oldest(KEY_CHECK_PURPOSE);
		Optional<String[]> sample = keyCheck.or(() -> oldest(null));
		if (sample.isPresent()) {
			try {
				this.cipher.decrypt(sample.get()[1], sample.get()[0]);
			}
			catch (IllegalStateException ex) {
				throw new SecretKeyException(this.keySource, "The secret key from " + this.keySource
						+ " is not the key that encrypted the secrets stored in this database", ex);
			}
		}
		if (keyCheck.isEmpty()) {
			store(KEY_CHECK_PURPOSE, KEY_CHECK_VALUE);
		}
	}

	/** The oldest secret of that purpose (of any purpose if null) as {purpose, ciphertext}. */
	private Optional<String[]> oldest(@Nullable String purpose) {
		String select = "SELECT PURPOSE, CIPHERTEXT FROM FERRY_SECRET";
		var query = (purpose != null) ? this.jdbc.sql(select + " WHERE PURPOSE = ? ORDER BY ID LIMIT 1").param(purpose)
				: this.jdbc.sql(select + " ORDER BY ID LIMIT 1");
		return query.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).optional();
	}

	/** Stores a secret and returns its id. The purpose is bound to the ciphertext (GCM associated data). */
	@Transactional
	public long store(String purpose, String plaintext) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO FERRY_SECRET (PURPOSE, CIPHERTEXT, CREATED_AT) VALUES (?, ?, ?)")
			.params(purpose, this.cipher.encrypt(plaintext, purpose), LocalDateTime.now())
			.update(keys, "ID");
		return keys.getKeyAs(Number.class).longValue();
	}

	@Transactional
	public void replace(long id, String plaintext) {
		String purpose = purposeOf(id);
		this.jdbc.sql("UPDATE FERRY_SECRET SET CIPHERTEXT = ? WHERE ID = ?")
			.params(this.cipher.encrypt(plaintext, purpose), id)
			.update();
	}

	@Transactional(readOnly = true)
	public String reveal(long id) {
		var row = this.jdbc.sql("SELECT PURPOSE, CIPHERTEXT FROM FERRY_SECRET WHERE ID = ?")
			.param(id)
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.optional()
			.orElseThrow(() -> new IllegalStateException("Secret " + id + " does not exist (deleted?)"));
		return this.cipher.decrypt(row[1], row[0]);
	}

	@Transactional
	public void delete(long id) {
		this.jdbc.sql("DELETE FROM FERRY_SECRET WHERE ID = ?").param(id).update();
	}

	private String purposeOf(long id) {
		return this.jdbc.sql("SELECT PURPOSE FROM FERRY_SECRET WHERE ID = ?")
			.param(id)
			.query(String.class)
			.optional()
			.orElseThrow(() -> new IllegalStateException("Secret " + id + " does not exist (deleted?)"));
	}

}
