package dev.ferry.record;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import org.springframework.batch.core.repository.ExecutionContextSerializer;

/** Turns a {@code *_EXECUTION_CONTEXT} row back into its map with the repository's own serializer. */
final class ContextReader {

	private ContextReader() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> read(ExecutionContextSerializer serializer, ResultSet rs) throws SQLException {
		String serialized = rs.getString("SERIALIZED_CONTEXT");
		String text = serialized != null ? serialized : rs.getString("SHORT_CONTEXT");
		if (text == null || text.isEmpty()) {
			return Map.of();
		}
		try {
			return serializer.deserialize(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			return Map.of(); // an unreadable context shows no details rather than failing the whole list
		}
	}

}
