package dev.ferry.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Random;

/**
 * Generates a database with the types that break naive dumps: utf8mb4 with emoji, NULLs, binary BLOBs with NUL and
 * quote bytes, DECIMAL, DATETIME/TIMESTAMP with fractions, a view and a trigger.
 */
public final class TrickyDatabase {

	private TrickyDatabase() {
	}

	public static void create(int port, String database, int rows) throws SQLException {
		try (Connection connection = TestDatabases.root(port); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
			statement.execute("USE `" + database + "`");
			statement.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, note TEXT NULL,"
					+ " balance DECIMAL(20,6) NULL, born DATE NULL, created DATETIME(6) NOT NULL,"
					+ " seen TIMESTAMP(3) NULL DEFAULT NULL, avatar BLOB NULL) ENGINE=InnoDB");
			statement.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY AUTO_INCREMENT, customer_id INT NOT NULL,"
					+ " qty INT NOT NULL, price DECIMAL(12,2) NOT NULL, total DECIMAL(14,2) NULL,"
					+ " KEY (customer_id)) ENGINE=InnoDB");
			statement.execute("CREATE TABLE empty_table (id INT PRIMARY KEY, v VARCHAR(10)) ENGINE=InnoDB");
			statement.execute("CREATE TRIGGER orders_total BEFORE INSERT ON orders FOR EACH ROW "
					+ "SET NEW.total = NEW.qty * NEW.price");
			statement.execute("CREATE VIEW rich_customers AS SELECT id, name, balance FROM customers "
					+ "WHERE balance > 1000");
		}
		try (Connection connection = TestDatabases.root(port)) {
			connection.setCatalog(database);
			connection.setAutoCommit(false);
			insertCustomers(connection, rows);
			insertOrders(connection, rows * 2);
			connection.commit();
		}
	}

	private static void insertCustomers(Connection connection, int rows) throws SQLException {
		String[] names = { "Zoë 🚀", "O'Brien", "\"quoted\" name", "back\\slash", "日本語テキスト", "tab\tand\nnewline",
				"plain" };
		Random random = new Random(42);
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO customers (id, name, note, balance, born, created, seen, avatar) VALUES (?,?,?,?,?,?,?,?)")) {
			for (int i = 1; i <= rows; i++) {
				insert.setInt(1, i);
				insert.setString(2, names[i % names.length] + " #" + i);
				insert.setString(3, i % 3 == 0 ? null : "note 😀 " + "x".repeat(i % 50));
				insert.setBigDecimal(4, i % 5 == 0 ? null : new BigDecimal(random.nextInt(5_000_000)).movePointLeft(3));
				insert.setObject(5, i % 4 == 0 ? null : java.time.LocalDate.of(1950 + i % 60, 1 + i % 12, 1 + i % 28));
				insert.setTimestamp(6, Timestamp.valueOf(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123456000)
					.minusMinutes(i)));
				insert.setTimestamp(7, i % 2 == 0 ? null : Timestamp.valueOf(LocalDateTime.of(2025, 6, 1, 12, 0, 0,
						789000000).plusSeconds(i)));
				if (i % 6 == 0) {
					insert.setNull(8, java.sql.Types.BLOB);
				}
				else {
					byte[] blob = new byte[64 + i % 200];
					random.nextBytes(blob);
					blob[0] = 0;
					blob[1] = '\'';
					blob[2] = '"';
					blob[3] = '\\';
					insert.setBytes(8, blob);
				}
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

	private static void insertOrders(Connection connection, int rows) throws SQLException {
		try (PreparedStatement insert = connection
			.prepareStatement("INSERT INTO orders (customer_id, qty, price) VALUES (?,?,?)")) {
			for (int i = 1; i <= rows; i++) {
				insert.setInt(1, 1 + i % 100);
				insert.setInt(2, 1 + i % 7);
				insert.setBigDecimal(3, new BigDecimal(i * 37 % 100000).movePointLeft(2));
				insert.addBatch();
			}
			insert.executeBatch();
		}
	}

}
