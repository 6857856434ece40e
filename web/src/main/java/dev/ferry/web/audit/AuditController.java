package dev.ferry.web.audit;

import java.util.Optional;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import dev.ferry.audit.AuditFilter;
import dev.ferry.audit.AuditPage;
import dev.ferry.audit.AuditQuery;
import dev.ferry.web.console.ConsoleController;

/**
 * {@code /audit} (ADMIN): the audit trail, newest first, 50 a page; the filters (actor, subject) and the page live in
 * the query string, so every view is a bookmarkable GET; htmx swaps only the results.
 */
@ConsoleController
class AuditController {

	static final int PAGE_SIZE = 50;

	private final AuditQuery audit;

	AuditController(AuditQuery audit) {
		this.audit = audit;
	}

	@GetMapping("/audit")
	String page(@RequestParam(defaultValue = "1") int page, @RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable String action, Model model) {
		AuditFilter filter = new AuditFilter(page, PAGE_SIZE, actor, action);
		AuditPage result = this.audit.find(filter);
		model.addAttribute("filter", filter);
		model.addAttribute("result", result);
		model.addAttribute("subjects", AuditFilter.SUBJECTS);
		model.addAttribute("previous", (result.page() > 1) ? link(filter, result.page() - 1) : null);
		model.addAttribute("next", (result.page() < result.pages()) ? link(filter, result.page() + 1) : null);
		return "audit/list";
	}

	@HxRequest
	@GetMapping("/audit")
	String results(@RequestParam(defaultValue = "1") int page, @RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable String action, Model model) {
		page(page, actor, action, model);
		return "audit/list :: results";
	}

	private static String link(AuditFilter filter, int page) {
		return UriComponentsBuilder.fromPath("/audit")
			.queryParamIfPresent("actor", Optional.ofNullable(filter.actor()))
			.queryParamIfPresent("action", Optional.ofNullable(filter.action()))
			.queryParam("page", page)
			.encode()
			.build()
			.toUriString();
	}

}
