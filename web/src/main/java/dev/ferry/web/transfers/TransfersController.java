package dev.ferry.web.transfers;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterService;
import dev.ferry.record.RecordFilter;
import dev.ferry.record.RecordPage;
import dev.ferry.record.RecordStatus;
import dev.ferry.record.TransportRecordQuery;
import dev.ferry.web.console.ConsoleController;

/**
 * The transfer list: newest first, server-side paging, filters in the query string, status tabs with counts. The
 * htmx variant renders only the results, which poll every 2 s while a listed transfer is queued or running.
 */
@ConsoleController
class TransfersController {

	private final TransportRecordQuery records;

	private final ClusterService clusters;

	TransfersController(TransportRecordQuery records, ClusterService clusters) {
		this.records = records;
		this.clusters = clusters;
	}

	@GetMapping("/transfers")
	String list(TransferListQuery query, Model model) {
		List<Cluster> all = this.clusters.list();
		fill(query, all, model);
		model.addAttribute("clusters", all);
		return "transfers/list";
	}

	@HxRequest
	@GetMapping("/transfers")
	String results(TransferListQuery query, Model model) {
		fill(query, this.clusters.list(), model);
		return "transfers/list :: results";
	}

	private void fill(TransferListQuery query, List<Cluster> all, Model model) {
		RecordFilter filter = query.toFilter();
		RecordPage page = this.records.find(filter);
		Map<RecordStatus, Long> counts = this.records.countByStatus(filter);
		model.addAttribute("query", query);
		model.addAttribute("page", page);
		model.addAttribute("pages", Math.max(1, (page.total() + page.pageSize() - 1) / page.pageSize()));
		model.addAttribute("counts", counts);
		model.addAttribute("allCount", counts.values().stream().mapToLong(Long::longValue).sum());
		model.addAttribute("statuses", RecordStatus.values());
		model.addAttribute("clusterNames", all.stream()
			.collect(Collectors.toMap(Cluster::clusterId, Cluster::name, (a, b) -> a)));
		model.addAttribute("live", page.records()
			.stream()
			.anyMatch((record) -> record.status().equals("Processing") || record.status().equals("Queued")));
	}

}
