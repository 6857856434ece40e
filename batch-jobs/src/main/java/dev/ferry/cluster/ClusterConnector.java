package dev.ferry.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Opens a plain JDBC connection to a cluster (MySQL protocol: MariaDB, MySQL and TiDB) with short timeouts.
 * The password goes in connection properties, never in the URL.
 */
public final class ClusterConnector {

	private ClusterConnector() {
	}

	public static Connection open(Cluster cluster, String user, String password) throws SQLException {
		Properties props = new Properties();
		props.setProperty("user", user);
		props.setProperty("password", password);
		props.setProperty("connectTimeout", "5000");
		props.setProperty("socketTimeout", "30000");
		return DriverManager.getConnection("jdbc:mariadb://" + cluster.host() + ":" + cluster.port() + "/", props);
	}

	/**
	 * A connection for long reads (the native engine's snapshot connections): no 30 s read timeout but 10 minutes,
	 * since a chunk's query may take long before its first row, and TCP keep-alive.
	 */
	public static Connection openForReading(Cluster cluster, String user, String password) throws SQLException {
		Properties props = new Properties();
		props.setProperty("user", user);
		props.setProperty("password", password);
		props.setProperty("connectTimeout", "5000");
		props.setProperty("socketTimeout", "600000");
		props.setProperty("tcpKeepAlive", "true");
		return DriverManager.getConnection("jdbc:mariadb://" + cluster.host() + ":" + cluster.port() + "/", props);
	}

	static ConnectionCheck check(Cluster cluster, String password) {
		try (Connection connection = open(cluster, cluster.user(), password);
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT VERSION()")) {
			rs.next();
			return ConnectionCheck.ok(rs.getString(1));
		}
		catch (SQLException ex) {
			return ConnectionCheck.failed(ex.getMessage());
		}
	}

}
