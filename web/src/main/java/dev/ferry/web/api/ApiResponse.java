package dev.ferry.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/** TiUniManager's response envelope: {@code code} 0 is OK; lists add {@code page}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiResponse<T>(int code, String message, @Nullable T data, @Nullable Page page) {

	static final int INTERNAL_ERROR = 9999;

	record Page(int page, int pageSize, long total) {
	}

	static <T> ApiResponse<T> ok(T data) {
		return new ApiResponse<>(0, "OK", data, null);
	}

	static <T> ApiResponse<T> ok(T data, Page page) {
		return new ApiResponse<>(0, "OK", data, page);
	}

	static ApiResponse<Void> error(int code, String message) {
		return new ApiResponse<>(code, message, null, null);
	}

}
