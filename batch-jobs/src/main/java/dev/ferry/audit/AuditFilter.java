package dev.ferry.audit;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.ferry.error.FerryException;

/**
 * Which audit entries to show. {@code actor} matches exactly (case-insensitive); {@code action} is either a whole
 * action ({@code cluster.delete}) or its subject ({@code cluster}, matching every {@code cluster.*}). {@code page}
 * counts from 1 up to {@link #MAX_PAGE}; a page past the last entry is empty.
 */
public record AuditFilter(int page, int pageSize, @Nullable String actor, @Nullable String action) {

	public static final int MAX_PAGE_SIZE = 200;

	/** The highest page number accepted (as the record list's): beyond it a request is refused before any query. */
	public static final int MAX_PAGE = 1_000_000;

	/** The subjects of the actions Ferry audits, for a filter menu. */
	public static final List<String> SUBJECTS = List.of("cluster", "schedule", "settings", "token", "transfer", "user");

	private static final Pattern ACTION = Pattern.compile("[a-z]+(\\.[a-z]+)?");

	/** Validates and normalises; blank filters are no filters. */
	public AuditFilter {
		if (page < 1 || page > MAX_PAGE) {
			throw FerryException.invalid("page must be between 1 and " + MAX_PAGE + ", was " + page);
		}
		if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			throw FerryException.invalid("pageSize must be between 1 and " + MAX_PAGE_SIZE + ", was " + pageSize);
		}
		actor = (actor == null || actor.isBlank()) ? null : actor.strip();
		action = (action == null || action.isBlank()) ? null : action.strip().toLowerCase(Locale.ROOT);
		if (action != null && !ACTION.matcher(action).matches()) {
			throw FerryException.invalid("action '" + action + "' is invalid: use an action such as cluster.delete, "
					+ "or its subject such as cluster");
		}
	}

	long offset() {
		return (this.page - 1L) * this.pageSize;
	}

}
