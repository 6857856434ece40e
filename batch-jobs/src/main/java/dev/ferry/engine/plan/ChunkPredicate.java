package dev.ferry.engine.plan;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.ferry.cluster.SqlNames;

/**
 * The {@code WHERE} condition of a chunk: {@code key >= lower AND key < upper}, a tuple comparison written out column
 * by column ({@code a > x OR (a = x AND b >= y)}), with the leading column's plain range added so that the server
 * reads the chunk as an index range. Values are bind parameters. The lower test of one chunk is the exact negation
 * of the upper test of the chunk before it, so a row is in exactly one chunk.
 */
public final class ChunkPredicate {

	private final String sql;

	private final List<Parameter> parameters;

	private ChunkPredicate(String sql, List<Parameter> parameters) {
		this.sql = sql;
		this.parameters = parameters;
	}

	private record Parameter(KeyType type, String value) {
	}

	public static ChunkPredicate of(Chunk chunk) {
		return of(chunk.key(), chunk.lower(), chunk.upper());
	}

	static ChunkPredicate of(List<KeyColumn> key, @Nullable Bound lower, @Nullable Bound upper) {
		List<String> parts = new ArrayList<>();
		List<Parameter> parameters = new ArrayList<>();
		if (lower != null) {
			parts.add(compare(key, lower, ">", true, parameters));
		}
		if (upper != null) {
			parts.add(compare(key, upper, "<", false, parameters));
		}
		return new ChunkPredicate(String.join(" AND ", parts), List.copyOf(parameters));
	}

	/** The condition, empty for a whole table. */
	public String sql() {
		return this.sql;
	}

	/** {@code " WHERE …"}, or nothing for a whole table. */
	public String whereClause() {
		return this.sql.isEmpty() ? "" : " WHERE " + this.sql;
	}

	/** Binds the bound values from parameter {@code first} on; returns the next free index. */
	public int bind(PreparedStatement statement, int first) throws SQLException {
		int index = first;
		for (Parameter parameter : this.parameters) {
			parameter.type().bind(statement, index++, parameter.value());
		}
		return index;
	}

	/**
	 * {@code (k1..kn) op= (v1..vn)} as {@code k1 op' v1 AND (k1 op v1 OR (k1 = v1 AND (...)))}, where {@code op'}
	 * is the inclusive form on the leading column (the index range) and the last column is inclusive only for the
	 * lower bound.
	 */
	private static String compare(List<KeyColumn> key, Bound bound, String op, boolean inclusiveLast,
			List<Parameter> parameters) {
		if (bound.values().size() != key.size()) {
			throw new IllegalArgumentException("bound " + bound + " does not fit key " + key);
		}
		StringBuilder sql = new StringBuilder("(");
		KeyColumn first = key.get(0);
		sql.append(SqlNames.quote(first.name())).append(' ').append(op).append(inclusiveLast || key.size() > 1 ? "= ?" : " ?");
		parameters.add(new Parameter(first.type(), bound.values().get(0)));
		if (key.size() > 1) {
			sql.append(" AND ").append(tuple(key, bound, op, inclusiveLast, 0, parameters));
		}
		return sql.append(')').toString();
	}

	private static String tuple(List<KeyColumn> key, Bound bound, String op, boolean inclusiveLast, int i,
			List<Parameter> parameters) {
		KeyColumn column = key.get(i);
		String name = SqlNames.quote(column.name());
		String value = bound.values().get(i);
		boolean last = i == key.size() - 1;
		parameters.add(new Parameter(column.type(), value));
		if (last) {
			return name + " " + op + (inclusiveLast ? "=" : "") + " ?";
		}
		parameters.add(new Parameter(column.type(), value));
		return "(" + name + " " + op + " ? OR (" + name + " = ? AND " + tuple(key, bound, op, inclusiveLast, i + 1,
				parameters) + "))";
	}

}
