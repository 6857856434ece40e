package dev.ferry.web.api;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ferry.audit.AuditEntry;
import dev.ferry.audit.AuditFilter;
import dev.ferry.audit.AuditPage;
import dev.ferry.audit.AuditQuery;

/** {@code /api/v1/audit}: the audit trail, for admins. */
@Tag(name = "Audit", description = "Who changed what: clusters, users, tokens, settings, schedules, and the stop, "
		+ "restart and delete of transfers. Admins only.")
@RestController
@RequestMapping("/api/v1/audit")
class AuditApiController {

	private final AuditQuery audit;

	AuditApiController(AuditQuery audit) {
		this.audit = audit;
	}

	@Operation(summary = "Read the audit trail", description = "Newest first, paged; filter by actor and by action "
			+ "(cluster.delete) or its subject (cluster).")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "One page of entries."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = OpenApiConfiguration.PARAMETER_INVALID + "page not within 1-1000000, pageSize not within 1-200, or a malformed action.") })
	@GetMapping
	ApiResponse<Map<String, List<AuditEntry>>> entries(
			@Parameter(description = "Page to return, counting from 1 (at most 1000000; past the last entry the list is empty).", example = "1") @RequestParam(defaultValue = "1") int page,
			@Parameter(description = "Entries per page, 1-200.", example = "50") @RequestParam(defaultValue = "50") int pageSize,
			@Parameter(description = "Only what this user did (case-insensitive).", example = "admin") @RequestParam(required = false) @Nullable String actor,
			@Parameter(description = "Only this action, or every action of this subject.", example = "cluster") @RequestParam(required = false) @Nullable String action) {
		AuditPage result = this.audit.find(new AuditFilter(page, pageSize, actor, action));
		return ApiResponse.ok(Map.of("entries", result.entries()),
				new ApiResponse.Page(result.page(), result.pageSize(), result.total()));
	}

}
