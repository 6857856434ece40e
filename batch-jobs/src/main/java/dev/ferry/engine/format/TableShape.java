package dev.ferry.engine.format;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The columns of a table that hold data, in table order: generated columns ({@code VIRTUAL}, {@code PERSISTENT}/
 * {@code STORED}) are left out, since the server computes them again; {@code INVISIBLE} columns are in, by name.
 * @param database the database
 * @param table the table
 * @param columns the columns that hold data
 */
public record TableShape(String database, String table, List<ColumnShape> columns) {

	private static final String COLUMNS = "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_SET_NAME, "
			+ "IS_GENERATED FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
			+ "ORDER BY ORDINAL_POSITION";

	public TableShape {
		columns = List.copyOf(columns);
		if (columns.isEmpty()) {
			throw new IllegalArgumentException("table " + SqlText.qualified(database, table)
					+ " has no column that holds data");
		}
	}

	/**
	 * The shape of a table as the server describes it.
	 * @throws IllegalArgumentException when the table does not exist (or has only generated columns)
	 */
	public static TableShape read(Connection connection, String database, String table) throws SQLException {
		List<ColumnShape> columns = new ArrayList<>();
		try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
			statement.setString(1, database);
			statement.setString(2, table);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					if ("NEVER".equalsIgnoreCase(rs.getString(5))) {
						columns.add(ColumnShape.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
					}
				}
			}
		}
		if (columns.isEmpty()) {
			throw new IllegalArgumentException("table " + SqlText.qualified(database, table)
					+ " does not exist or has no column that holds data");
		}
		return new TableShape(database, table, columns);
	}

	/** {@code `db`.`table`}. */
	public String qualifiedName() {
		return SqlText.qualified(this.database, this.table);
	}

	/** {@code `a`,`b`,...}: the columns that hold data, quoted, in table order. */
	public String columnList() {
		return this.columns.stream().map(ColumnShape::quotedName).collect(Collectors.joining(","));
	}

	/**
	 * What to put after {@code SELECT} so that {@link ChunkEncoder} gets every value exact: the columns of
	 * {@link #columnList()}, some of them converted (see {@link ColumnShape#selectExpression()}). Read it with a plain
	 * {@link java.sql.Statement} (text protocol), on a session prepared by {@link ReadSession#prepare}.
	 */
	public String selectList() {
		return this.columns.stream().map(ColumnShape::selectExpression).collect(Collectors.joining(","));
	}

	/** The statement that loads one CSV file of this table: see {@link CsvDialect#loadDataStatement}. */
	public String loadDataStatement(String streamName) {
		return CsvDialect.loadDataStatement(this, streamName);
	}

}
