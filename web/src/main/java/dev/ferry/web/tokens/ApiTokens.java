package dev.ferry.web.tokens;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;

import dev.ferry.audit.AuditLog;

/**
 * {@code FERRY_API_TOKEN}: users create, list and revoke their own tokens; the API looks a presented token up by
 * its hash. Last use is written at most once a minute per token, so busy scripts cost one read per call.
 */
@Service
public class ApiTokens {

	static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

	private final JdbcClient jdbc;

	private final AuditLog audit;

	ApiTokens(JdbcClient jdbc, AuditLog audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	/** A new token and the row it got; the token is in this answer and nowhere else. */
	record Created(String token, ApiToken row) {
	}

	Created create(String username, String name, @Nullable Duration lifetime) {
		String token = TokenFormat.generate();
		LocalDateTime now = LocalDateTime.now().truncatedTo(ChronoUnit.MICROS);
		LocalDateTime expires = (lifetime == null) ? null : now.plus(lifetime);
		long userId = this.jdbc.sql("SELECT ID FROM FERRY_USER WHERE USERNAME = ?")
			.param(username)
			.query(Long.class)
			.single();
		this.audit.record(username, "token.create", username, "name=" + name
				+ (expires == null ? "" : ", expires=" + expires));
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO FERRY_API_TOKEN (USER_ID, NAME, TOKEN_PREFIX, TOKEN_HASH, CREATED_AT, EXPIRES_AT)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(userId, name, TokenFormat.shown(token), TokenFormat.hash(token), now, expires)
			.update(key, "ID");
		long id = key.getKeyAs(Number.class).longValue();
		return new Created(token, new ApiToken(id, name, TokenFormat.shown(token), now, null, expires));
	}

	/** The user's tokens that are not revoked, newest first (expired ones included, marked by the page). */
	List<ApiToken> list(String username) {
		return this.jdbc.sql("""
				SELECT T.ID, T.NAME, T.TOKEN_PREFIX, T.CREATED_AT, T.LAST_USED_AT, T.EXPIRES_AT
				FROM FERRY_API_TOKEN T JOIN FERRY_USER U ON U.ID = T.USER_ID
				WHERE U.USERNAME = ? AND T.REVOKED_AT IS NULL ORDER BY T.CREATED_AT DESC, T.ID DESC""")
			.param(username)
			.query((rs, n) -> new ApiToken(rs.getLong("ID"), rs.getString("NAME"), rs.getString("TOKEN_PREFIX"),
					rs.getObject("CREATED_AT", LocalDateTime.class), rs.getObject("LAST_USED_AT", LocalDateTime.class),
					rs.getObject("EXPIRES_AT", LocalDateTime.class)))
			.list();
	}

	/** Revokes one of the user's own tokens; false when they have no such (unrevoked) token. */
	boolean revoke(String username, long id) {
		int changed = this.jdbc.sql("""
				UPDATE FERRY_API_TOKEN SET REVOKED_AT = ?
				WHERE ID = ? AND REVOKED_AT IS NULL
				  AND USER_ID = (SELECT U.ID FROM FERRY_USER U WHERE U.USERNAME = ?)""")
			.params(LocalDateTime.now(), id, username)
			.update();
		if (changed > 0) {
			this.audit.record(username, "token.revoke", username, "id=" + id);
		}
		return changed > 0;
	}

	/**
	 * The user name a presented token belongs to, when it is well-formed, known, not revoked and not expired. Whether
	 * that user may log in (enabled, role) is for the caller to check.
	 */
	public Optional<String> ownerOf(String token) {
		if (!TokenFormat.wellFormed(token)) {
			return Optional.empty();
		}
		LocalDateTime now = LocalDateTime.now();
		Optional<Presented> found = this.jdbc.sql("""
				SELECT T.ID, U.USERNAME, T.EXPIRES_AT, T.LAST_USED_AT
				FROM FERRY_API_TOKEN T JOIN FERRY_USER U ON U.ID = T.USER_ID
				WHERE T.TOKEN_HASH = ? AND T.REVOKED_AT IS NULL""")
			.param(TokenFormat.hash(token))
			.query((rs, n) -> new Presented(rs.getLong("ID"), rs.getString("USERNAME"),
					rs.getObject("EXPIRES_AT", LocalDateTime.class), rs.getObject("LAST_USED_AT", LocalDateTime.class)))
			.optional();
		if (found.isEmpty() || (found.get().expiresAt() != null && !now.isBefore(found.get().expiresAt()))) {
			return Optional.empty();
		}
		touch(found.get().id(), found.get().lastUsedAt(), now);
		return Optional.of(found.get().username());
	}

	private record Presented(long id, String username, @Nullable LocalDateTime expiresAt,
			@Nullable LocalDateTime lastUsedAt) {
	}

	private void touch(long id, @Nullable LocalDateTime lastUsed, LocalDateTime now) {
		LocalDateTime due = now.minus(TOUCH_INTERVAL);
		if (lastUsed == null || lastUsed.isBefore(due)) {
			this.jdbc.sql("UPDATE FERRY_API_TOKEN SET LAST_USED_AT = ? WHERE ID = ? AND (LAST_USED_AT IS NULL OR LAST_USED_AT < ?)")
				.params(now, id, due)
				.update();
		}
	}

}
