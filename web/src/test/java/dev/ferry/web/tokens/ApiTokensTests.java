package dev.ferry.web.tokens;

import java.time.Duration;
import java.time.LocalDateTime;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.ferry.audit.AuditLog;
import dev.ferry.support.FerrySchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/** {@link ApiTokens} on the real schema (H2 with the Liquibase changelog). */
class ApiTokensTests {

	final AuditLog audit = mock(AuditLog.class);

	JdbcClient jdbc;

	ApiTokens tokens;

	@BeforeEach
	void freshDatabase() throws Exception {
		DataSource dataSource = FerrySchema.inMemoryH2();
		this.jdbc = JdbcClient.create(dataSource);
		for (String user : new String[] { "alice", "bob" }) {
			this.jdbc.sql("INSERT INTO FERRY_USER (USERNAME, PASSWORD_HASH, ROLE, ENABLED, CREATED_AT) VALUES (?, 'x', 'VIEWER', TRUE, ?)")
				.params(user, LocalDateTime.now())
				.update();
		}
		this.tokens = new ApiTokens(this.jdbc, this.audit);
	}

	@Test
	void aCreatedTokenIdentifiesItsOwnerAndIsStoredOnlyAsAHash() {
		ApiTokens.Created created = this.tokens.create("alice", "ci", Duration.ofDays(30));

		assertThat(this.tokens.ownerOf(created.token())).contains("alice");
		String stored = this.jdbc.sql("SELECT TOKEN_HASH || ' ' || TOKEN_PREFIX || ' ' || NAME FROM FERRY_API_TOKEN")
			.query(String.class)
			.single();
		assertThat(stored).doesNotContain(created.token().substring(10)).contains(TokenFormat.hash(created.token()));
		assertThat(this.tokens.list("alice")).singleElement().satisfies((token) -> {
			assertThat(token.name()).isEqualTo("ci");
			assertThat(token.prefix()).isEqualTo(created.token().substring(0, 10));
			assertThat(token.expiresAt()).isAfter(LocalDateTime.now().plusDays(29));
		});
		assertThat(this.tokens.list("bob")).isEmpty();
		verify(this.audit).record(eq("alice"), eq("token.create"), eq("alice"), anyString());
	}

	@Test
	void revokedUnknownMalformedAndExpiredTokensIdentifyNobody() {
		ApiTokens.Created revoked = this.tokens.create("alice", "old", null);
		ApiTokens.Created expired = this.tokens.create("alice", "short", Duration.ofDays(7));
		this.jdbc.sql("UPDATE FERRY_API_TOKEN SET EXPIRES_AT = ? WHERE ID = ?")
			.params(LocalDateTime.now().minusSeconds(1), expired.row().id())
			.update();

		assertThat(this.tokens.revoke("bob", revoked.row().id())).as("not bob's token").isFalse();
		assertThat(this.tokens.ownerOf(revoked.token())).contains("alice");
		assertThat(this.tokens.revoke("alice", revoked.row().id())).isTrue();
		assertThat(this.tokens.revoke("alice", revoked.row().id())).as("already revoked").isFalse();

		assertThat(this.tokens.ownerOf(revoked.token())).isEmpty();
		assertThat(this.tokens.ownerOf(expired.token())).isEmpty();
		assertThat(this.tokens.ownerOf(TokenFormat.generate())).isEmpty();
		assertThat(this.tokens.ownerOf("not a token")).isEmpty();
		assertThat(this.tokens.list("alice")).extracting(ApiToken::name).containsExactly("short");
		verify(this.audit).record("alice", "token.revoke", "alice", "id=" + revoked.row().id());
		verify(this.audit, never()).record(eq("bob"), eq("token.revoke"), anyString(), anyString());
	}

	@Test
	void lastUseIsWrittenAtMostOnceAMinute() {
		ApiTokens.Created created = this.tokens.create("alice", "ci", null);
		assertThat(lastUsed(created)).isNull();

		this.tokens.ownerOf(created.token());
		LocalDateTime first = lastUsed(created);
		assertThat(first).isNotNull();
		this.tokens.ownerOf(created.token());
		assertThat(lastUsed(created)).as("within the minute: unchanged").isEqualTo(first);

		LocalDateTime longAgo = LocalDateTime.now().minusMinutes(5);
		this.jdbc.sql("UPDATE FERRY_API_TOKEN SET LAST_USED_AT = ?").param(longAgo).update();
		this.tokens.ownerOf(created.token());
		assertThat(lastUsed(created)).isAfter(longAgo.plusMinutes(4));
	}

	private LocalDateTime lastUsed(ApiTokens.Created created) {
		return this.jdbc.sql("SELECT LAST_USED_AT FROM FERRY_API_TOKEN WHERE ID = ?")
			.param(created.row().id())
			.query(LocalDateTime.class)
			.optional()
			.orElse(null);
	}

}
