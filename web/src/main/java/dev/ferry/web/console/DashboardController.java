package dev.ferry.web.console;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.ferry.record.RecordFilter;
import dev.ferry.record.RecordStatus;
import dev.ferry.record.TransportRecordQuery;
import dev.ferry.web.settings.HealthChecks;

/** The dashboard: what runs now, what failed lately, and whether the tools and storage roots are usable. */
@ConsoleController
class DashboardController {

	static final int RECENT = 8;

	private final TransportRecordQuery records;

	private final HealthChecks health;

	DashboardController(TransportRecordQuery records, HealthChecks health) {
		this.records = records;
		this.health = health;
	}

	@GetMapping("/")
	String dashboard(Model model) {
		model.addAttribute("running", this.records.find(filter(RecordStatus.Processing)).records());
		model.addAttribute("queued", this.records.find(filter(RecordStatus.Queued)).records());
		model.addAttribute("failures", this.records.find(filter(RecordStatus.Failed)).records());
		model.addAttribute("tools", this.health.tools());
		model.addAttribute("storage", this.health.storage());
		return "dashboard";
	}

	private static RecordFilter filter(RecordStatus status) {
		return new RecordFilter(1, RECENT, null, null, null, null, null, status, null);
	}

}
