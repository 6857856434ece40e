package dev.ferry.engine.plan;

/** One column of the key a table is chunked on. */
public record KeyColumn(String name, KeyType type) {
}
