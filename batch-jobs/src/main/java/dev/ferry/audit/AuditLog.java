package dev.ferry.audit;

import java.time.LocalDateTime;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Appends rows to {@code FERRY_AUDIT}; written before the action it records, so a failed action is still seen. */
@Service
public class AuditLog {

	private final JdbcClient jdbc;

	AuditLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void record(String actor, String action, String target, String detail) {
		insert(actor, action, target, detail);
	}

	private void insert(String actor, String action, String target, String detail) {
		this.jdbc.sql("INSERT INTO FERRY_AUDIT (OCCURRED_AT, ACTOR, ACTION, TARGET, DETAIL) VALUES (?, ?, ?, ?, ?)")
			.params(LocalDateTime.now(), actor, action, target, detail.length() > 2000 ? detail.substring(0, 2000) : detail)
			.update();
	}

	/**
	 * Written in the caller's transaction, after the change it records: the row exists exactly when the change was
	 * committed.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordInTransaction(String actor, String action, String target, String detail) {
		insert(actor, action, target, detail);
	}

}
