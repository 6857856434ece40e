package dev.ferry.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the audit trail ({@code FERRY_AUDIT}), newest first. */
@Service
public class AuditQuery {

	private static final String COLUMNS = "ID, OCCURRED_AT, ACTOR, ACTION, TARGET, DETAIL";

	private final JdbcClient jdbc;

	AuditQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public AuditPage find(AuditFilter filter) {
		List<String> conditions = new ArrayList<>();
		List<Object> params = new ArrayList<>();
		if (filter.actor() != null) {
			conditions.add("LOWER(ACTOR) = ?");
			params.add(filter.actor().toLowerCase(Locale.ROOT));
		}
		if (filter.action() != null) {
			if (filter.action().contains(".")) {
				conditions.add("ACTION = ?");
				params.add(filter.action());
			}
			else {
				conditions.add("ACTION LIKE ?");
				params.add(filter.action() + ".%");
			}
		}
		String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
		long total = this.jdbc.sql("SELECT COUNT(*) FROM FERRY_AUDIT" + where).params(params).query(Long.class).single();
		List<Object> paged = new ArrayList<>(params);
		paged.add(filter.pageSize());
		paged.add(filter.offset());
		List<AuditEntry> entries = this.jdbc
			.sql("SELECT " + COLUMNS + " FROM FERRY_AUDIT" + where + " ORDER BY ID DESC LIMIT ? OFFSET ?")
			.params(paged)
			.query((rs, n) -> new AuditEntry(rs.getLong("ID"), rs.getTimestamp("OCCURRED_AT").toLocalDateTime(),
					rs.getString("ACTOR"), rs.getString("ACTION"), rs.getString("TARGET"),
					(rs.getString("DETAIL") == null) ? "" : rs.getString("DETAIL")))
			.list();
		return new AuditPage(entries, filter.page(), filter.pageSize(), total);
	}

}
