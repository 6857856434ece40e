package dev.ferry.web.api;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.ferry.cluster.ClusterService;
import dev.ferry.cluster.ConnectionCheck;

/** {@code /api/v1/clusters}: register, list, read, change, delete and test clusters. */
@Tag(name = "Clusters", description = "Register, list, read, change, delete and test the clusters Ferry exports "
		+ "from and imports into. Passwords are stored encrypted and never returned.")
@RestController
@RequestMapping("/api/v1/clusters")
class ClusterApiController {

	private final ClusterService clusters;

	ClusterApiController(ClusterService clusters) {
		this.clusters = clusters;
	}

	@Operation(summary = "List the clusters", description = "Every registered cluster, without passwords: "
			+ "data is {clusters: [...]}.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The clusters.") })
	@GetMapping
	ApiResponse<Map<String, List<ClusterJson.View>>> list() {
		return ApiResponse.ok(Map.of("clusters", this.clusters.list().stream().map(ClusterJson.View::of).toList()));
	}

	@Operation(summary = "Register a cluster", description = "Checks every field (every problem is named in one "
			+ "message), stores the password encrypted and answers the cluster with its clusterId.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "Registered: the cluster, without its password."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = OpenApiConfiguration.PARAMETER_INVALID + "a field is missing or wrong, the name is taken, or the body is not valid JSON.") })
	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	ApiResponse<ClusterJson.View> create(@RequestBody ClusterJson.Request request, Principal principal) {
		return ApiResponse.ok(ClusterJson.View.of(this.clusters.create(request.toDraft(), principal.getName())));
	}

	@Operation(summary = "Read a cluster", description = "The cluster, without its password.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The cluster."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = OpenApiConfiguration.CLUSTER_NOT_FOUND) })
	@GetMapping("/{clusterId}")
	ApiResponse<ClusterJson.View> get(@Parameter(description = "Id of the cluster.") @PathVariable String clusterId) {
		return ApiResponse.ok(ClusterJson.View.of(this.clusters.get(clusterId)));
	}

	@Operation(summary = "Change a cluster", description = "Replaces every field; an omitted password keeps the "
			+ "stored one, \"\" sets an empty one.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "Changed: the cluster, without its password."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = OpenApiConfiguration.PARAMETER_INVALID + "a field is missing or wrong, the name is taken, or the body is not valid JSON."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = OpenApiConfiguration.CLUSTER_NOT_FOUND) })
	@PutMapping("/{clusterId}")
	ApiResponse<ClusterJson.View> update(@Parameter(description = "Id of the cluster.") @PathVariable String clusterId, @RequestBody ClusterJson.Request request,
			Principal principal) {
		return ApiResponse.ok(ClusterJson.View.of(this.clusters.update(clusterId, request.toDraft(), principal.getName())));
	}

	@Operation(summary = "Delete a cluster", description = "Deletes the cluster and its stored password: data is "
			+ "{clusterId}. Refused (10001) while a transfer of the cluster is queued or running or a schedule exports it; "
			+ "its records and files stay.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "Deleted."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = "The cluster is in use."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = OpenApiConfiguration.CLUSTER_NOT_FOUND) })
	@DeleteMapping("/{clusterId}")
	ApiResponse<Map<String, String>> delete(@Parameter(description = "Id of the cluster.") @PathVariable String clusterId,
			Principal principal) {
		this.clusters.delete(clusterId, principal.getName());
		return ApiResponse.ok(Map.of("clusterId", clusterId));
	}

	@Operation(summary = "Test the connection to a cluster", description = "Connects with the stored credentials and "
			+ "runs SELECT VERSION(). A failed connection is still code 0: connected is false and error has the "
			+ "driver's message.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The result of the test."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = OpenApiConfiguration.CLUSTER_NOT_FOUND) })
	@PostMapping("/{clusterId}/test")
	ApiResponse<ConnectionCheck> test(@Parameter(description = "Id of the cluster.") @PathVariable String clusterId) {
		return ApiResponse.ok(this.clusters.testConnection(clusterId));
	}

}
