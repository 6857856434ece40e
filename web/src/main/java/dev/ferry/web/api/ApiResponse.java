package dev.ferry.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** TiUniManager's response envelope: {@code code} 0 is OK; lists add {@code page}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "TiUniManager's envelope around every answer: code 0 and data on success, an error code and "
		+ "message otherwise.")
record ApiResponse<T>(
		@Schema(description = "0 when the call succeeded; otherwise Ferry's error code (10001 PARAMETER_INVALID, 10003 CLUSTER_NOT_FOUND, 60100-60111 TIEM_TRANSPORT_*, 60200 SCHEDULE_NOT_FOUND, 70650 RBAC_PERMISSION_CHECK_FAILED, 9999 internal error; see the table in the API description).", example = "0") int code,
		@Schema(description = "OK on success; otherwise what went wrong, naming the field, parameter or record.", example = "OK") String message,
		@Schema(description = "The answer of the call (see each operation); absent on errors.") @Nullable T data,
		@Schema(description = "Lists only: which page this is and how many items match in total; absent otherwise.") @Nullable Page page) {

	static final int INTERNAL_ERROR = 9999;

	@Schema(name = "Page", description = "The page of a list answer.")
	record Page(@Schema(description = "The page returned, counting from 1.", example = "1") int page,
			@Schema(description = "Items per page, as requested (at most 1000).", example = "10") int pageSize,
			@Schema(description = "Items that match the filter, over all pages.", example = "37") long total) {
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
