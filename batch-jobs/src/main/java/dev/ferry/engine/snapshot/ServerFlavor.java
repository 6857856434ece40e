package dev.ferry.engine.snapshot;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** The kind of server behind a MySQL-protocol connection, by its {@code VERSION()}. */
public enum ServerFlavor {

	MARIADB, MYSQL, TIDB;

	/** {@code mariadb}, {@code mysql} or {@code tidb}: the snapshot kind in the manifest. */
	public String kind() {
		return name().toLowerCase(Locale.ROOT);
	}

	static ServerFlavor of(String version) {
		String lower = version.toLowerCase(Locale.ROOT);
		if (lower.contains("tidb")) {
			return TIDB;
		}
		return lower.contains("mariadb") ? MARIADB : MYSQL;
	}

	static ServerFlavor detect(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
			rs.next();
			return of(rs.getString(1));
		}
	}

}
