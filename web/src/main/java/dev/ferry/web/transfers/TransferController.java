package dev.ferry.web.transfers;

import java.security.Principal;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HtmxResponse;
import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ferry.cluster.ClusterService;
import dev.ferry.record.TransferDetailQuery;
import dev.ferry.record.TransportRecord;
import dev.ferry.record.TransportRecordQuery;
import dev.ferry.transfer.TransferAdmin;
import dev.ferry.transfer.TransferStarted;
import dev.ferry.web.console.ConsoleController;

/**
 * One transfer: the detail page (its live part re-rendered every 2 s while it runs), the progress cell the list
 * polls, and the Batch admin actions. Actions answer with a redirect back to the page they came from (htmx follows
 * it as a client-side redirect), carrying a flash message.
 */
@ConsoleController
class TransferController {

	private final TransferDetailQuery details;

	private final TransportRecordQuery records;

	private final TransferAdmin admin;

	private final MessageSource messages;

	private final ClusterService clusters;

	TransferController(TransferDetailQuery details, TransportRecordQuery records, TransferAdmin admin,
			MessageSource messages, ClusterService clusters) {
		this.clusters = clusters;
		this.details = details;
		this.records = records;
		this.admin = admin;
		this.messages = messages;
	}

	@GetMapping("/transfers/{recordId}")
	String detail(@PathVariable String recordId, Model model) {
		model.addAttribute("details", this.details.find(recordId));
		model.addAttribute("drillClusters", this.clusters.list().stream()
			.filter((c) -> c.kind() == dev.ferry.cluster.ClusterKind.MYSQL)
			.toList());
		return "transfers/detail";
	}

	@HxRequest
	@GetMapping("/transfers/{recordId}")
	String live(@PathVariable String recordId, Model model) {
		model.addAttribute("details", this.details.find(recordId));
		return "transfers/detail :: live";
	}

	/** The progress cell of one list row; it stops polling once the transfer settles and asks the list to refresh. */
	@HxRequest
	@GetMapping("/transfers/{recordId}/progress")
	String progress(@PathVariable String recordId, Model model, HtmxResponse htmx) {
		TransportRecord record = this.records.get(recordId);
		model.addAttribute("record", record);
		if (!record.status().equals("Processing") && !record.status().equals("Queued")) {
			htmx.addTrigger("transfers-changed");
		}
		return "transfers/fragments :: progress";
	}

	@PostMapping("/transfers/{recordId}/stop")
	String stop(@PathVariable String recordId, Principal user, RedirectAttributes flash,
			@RequestHeader(name = "HX-Current-URL", required = false) @Nullable String from) {
		this.admin.stop(recordId, user.getName());
		flash.addFlashAttribute("flashSuccess", text("action.stopped", recordId));
		return back(from, "/transfers/" + recordId);
	}

	@PostMapping("/transfers/{recordId}/restart")
	String restart(@PathVariable String recordId, Principal user, RedirectAttributes flash,
			@RequestHeader(name = "HX-Current-URL", required = false) @Nullable String from,
			@RequestParam(defaultValue = "false") boolean fresh) {
		TransferStarted started = fresh ? this.admin.restart(recordId, user.getName(), true)
				: this.admin.restart(recordId, user.getName());
		flash.addFlashAttribute("flashSuccess", text("action.restarted", recordId, started.workFlowId()));
		return back(from, "/transfers/" + recordId);
	}

	@PostMapping("/transfers/{recordId}/delete")
	String delete(@PathVariable String recordId, Principal user, RedirectAttributes flash,
			@RequestHeader(name = "HX-Current-URL", required = false) @Nullable String from) {
		this.admin.delete(recordId, user.getName());
		flash.addFlashAttribute("flashSuccess", text("action.deleted", recordId));
		if (from != null && pathOf(from).equals("/transfers/" + recordId)) {
			return "redirect:htmx:/transfers"; // its own page is gone
		}
		return back(from, "/transfers");
	}

	/**
	 * Back to where the action was clicked (only a path of this console), else to {@code fallback}. htmx (which sends
	 * {@code HX-Current-URL}) gets {@code HX-Redirect}; a plain form post a 302.
	 */
	private static String back(@Nullable String from, String fallback) {
		if (from == null) {
			return "redirect:" + fallback;
		}
		String path = pathOf(from);
		return "redirect:htmx:" + ((path.startsWith("/transfers") || path.equals("/")) ? localPart(from) : fallback);
	}

	private static String pathOf(String url) {
		return java.net.URI.create(url).getPath();
	}

	private static String localPart(String url) {
		java.net.URI uri = java.net.URI.create(url);
		return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
	}

	private String text(String key, Object... arguments) {
		return this.messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
	}

}
