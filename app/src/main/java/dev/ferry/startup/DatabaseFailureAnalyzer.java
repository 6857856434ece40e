package dev.ferry.startup;

import java.sql.SQLException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;

/**
 * Ferry's own database cannot be opened: the embedded H2 file is held by another process, or MariaDB (profile
 * {@code mariadb}) is unreachable, refuses the user or lacks the database. Other SQL errors are left to Spring Boot.
 */
class DatabaseFailureAnalyzer implements FailureAnalyzer {

	/** H2's DATABASE_ALREADY_OPEN_1: the file is locked by another process. */
	static final int H2_DATABASE_IN_USE = 90020;

	static final int MARIADB_ACCESS_DENIED = 1045;

	static final int MARIADB_UNKNOWN_DATABASE = 1049;

	private static final Pattern URL_PASSWORD = Pattern.compile("(?i)((?:password|pwd)=)[^&;]*");

	private final Environment environment;

	DatabaseFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				FailureAnalysis analysis = analyze(sql, failure);
				if (analysis != null) {
					return analysis;
				}
			}
		}
		return null;
	}

	private @Nullable FailureAnalysis analyze(SQLException ex, Throwable failure) {
		String url = url();
		if (ex.getErrorCode() == H2_DATABASE_IN_USE) {
			return new FailureAnalysis("Ferry's embedded database " + url + " is in use by another process: most likely"
					+ " another Ferry is running with the same data directory (FERRY_HOME="
					+ this.environment.getProperty("ferry.home") + ").",
					"Stop the other Ferry, or start this one with its own FERRY_HOME. Several Ferry nodes can share one"
							+ " database only on MariaDB (profile mariadb; see the README, \"Several nodes\").",
					failure);
		}
		if (ex.getErrorCode() == MARIADB_ACCESS_DENIED || "28000".equals(ex.getSQLState())) {
			return new FailureAnalysis("Ferry's database at " + url + " refused the user '" + user() + "': "
					+ ex.getMessage(), "Check FERRY_DB_USER and FERRY_DB_PASSWORD, and that this user may connect"
							+ " from this host (GRANT ALL ON <database>.* TO '<user>'@'<this host>').",
					failure);
		}
		if (ex.getErrorCode() == MARIADB_UNKNOWN_DATABASE) {
			return new FailureAnalysis("Ferry's database at " + url + " does not exist: " + ex.getMessage(),
					"Create it (CREATE DATABASE ferry CHARACTER SET utf8mb4) or point FERRY_DB_URL at an existing"
							+ " one; Ferry creates its tables itself.",
					failure);
		}
		if (ex.getSQLState() != null && ex.getSQLState().startsWith("08")) {
			return new FailureAnalysis("Ferry cannot connect to its database at " + url + ": " + ex.getMessage(),
					"Start the database server, or correct FERRY_DB_URL"
							+ " (jdbc:mariadb://<host>:<port>/<database>, profile mariadb).",
					failure);
		}
		return null;
	}

	/** The configured URL with any password parameter masked. */
	private String url() {
		String url = this.environment.getProperty("spring.datasource.url", "(no spring.datasource.url)");
		return URL_PASSWORD.matcher(url).replaceAll("$1*****");
	}

	private String user() {
		return this.environment.getProperty("spring.datasource.username", "");
	}

}
