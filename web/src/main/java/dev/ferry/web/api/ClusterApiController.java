package dev.ferry.web.api;

import java.util.List;
import java.util.Map;

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
@RestController
@RequestMapping("/api/v1/clusters")
class ClusterApiController {

	private final ClusterService clusters;

	ClusterApiController(ClusterService clusters) {
		this.clusters = clusters;
	}

	@GetMapping
	ApiResponse<Map<String, List<ClusterJson.View>>> list() {
		return ApiResponse.ok(Map.of("clusters", this.clusters.list().stream().map(ClusterJson.View::of).toList()));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	ApiResponse<ClusterJson.View> create(@RequestBody ClusterJson.Request request) {
		return ApiResponse.ok(ClusterJson.View.of(this.clusters.create(request.toDraft())));
	}

	@GetMapping("/{clusterId}")
	ApiResponse<ClusterJson.View> get(@PathVariable String clusterId) {
		return ApiResponse.ok(ClusterJson.View.of(this.clusters.get(clusterId)));
	}

	@PutMapping("/{clusterId}")
	ApiResponse<ClusterJson.View> update(@PathVariable String clusterId, @RequestBody ClusterJson.Request request) {
		return ApiResponse.ok(ClusterJson.View.of(this.clusters.update(clusterId, request.toDraft())));
	}

	@DeleteMapping("/{clusterId}")
	ApiResponse<Map<String, String>> delete(@PathVariable String clusterId) {
		this.clusters.delete(clusterId);
		return ApiResponse.ok(Map.of("clusterId", clusterId));
	}

	@PostMapping("/{clusterId}/test")
	ApiResponse<ConnectionCheck> test(@PathVariable String clusterId) {
		return ApiResponse.ok(this.clusters.testConnection(clusterId));
	}

}
