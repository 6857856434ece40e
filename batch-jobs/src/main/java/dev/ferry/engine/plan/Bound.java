package dev.ferry.engine.plan;

import java.util.List;

/** A tuple of key values (as {@link KeyType} text), one per key column: where a chunk starts or ends. */
public record Bound(List<String> values) {

	public Bound {
		values = List.copyOf(values);
	}

	public static Bound of(String... values) {
		return new Bound(List.of(values));
	}

}
