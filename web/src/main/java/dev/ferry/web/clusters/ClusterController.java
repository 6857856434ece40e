package dev.ferry.web.clusters;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterService;
import dev.ferry.record.ExportHistoryQuery;
import dev.ferry.web.charts.ExportCharts;
import dev.ferry.web.console.ConsoleController;

/** {@code /clusters/{id}}: one cluster (VIEWER and up), with the history charts of its exports. */
@ConsoleController
class ClusterController {

	private final ClusterService clusters;

	private final ExportHistoryQuery history;

	ClusterController(ClusterService clusters, ExportHistoryQuery history) {
		this.clusters = clusters;
		this.history = history;
	}

	@GetMapping("/clusters/{clusterId}")
	String detail(@PathVariable String clusterId, Model model) {
		Cluster cluster = this.clusters.get(clusterId);
		model.addAttribute("cluster", cluster);
		model.addAttribute("history", ExportCharts.of("cluster-" + cluster.clusterId(), cluster.name(),
				this.history.ofCluster(cluster.clusterId(), ExportCharts.RUNS)));
		return "clusters/detail";
	}

}
