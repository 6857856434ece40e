package dev.ferry.engine.export;

import java.util.List;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of what the engine keeps in execution contexts (chunks, stored files, snapshot points) and of the
 * manifest it writes. Contexts hold it as strings, so that they stay plain, readable JSON in the job repository.
 */
final class ExportJson {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private ExportJson() {
	}

	static String write(Object value) {
		return JSON.writeValueAsString(value);
	}

	static <T> T read(String json, Class<T> type) {
		return JSON.readValue(json, type);
	}

	static <T> List<T> readList(String json, TypeReference<List<T>> type) {
		return JSON.readValue(json, type);
	}

}
