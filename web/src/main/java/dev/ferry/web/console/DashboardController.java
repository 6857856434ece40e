package dev.ferry.web.console;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.ferry.record.RecordFilter;
import dev.ferry.record.RecordStatus;
import dev.ferry.record.TransportRecordQuery;

/** The dashboard: what runs now, what failed lately. */
@ConsoleController
class DashboardController {

	static final int RECENT = 8;

	private final TransportRecordQuery records;

	DashboardController(TransportRecordQuery records) {
		this.records = records;
	}

	@GetMapping("/")
	String dashboard(Model model) {
		model.addAttribute("running", this.records.find(filter(RecordStatus.Processing)).records());
		model.addAttribute("queued", this.records.find(filter(RecordStatus.Queued)).records());
		model.addAttribute("failures", this.records.find(filter(RecordStatus.Failed)).records());
		return "dashboard";
	}

	private static RecordFilter filter(RecordStatus status) {
		return new RecordFilter(1, RECENT, null, null, null, null, null, status, null);
	}

}
