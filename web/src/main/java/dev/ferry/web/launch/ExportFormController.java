package dev.ferry.web.launch;

import java.security.Principal;
import java.util.List;

import io.github.wimdeblauwe.htmx.spring.boot.mvc.HxRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterService;
import dev.ferry.error.FerryException;
import dev.ferry.transfer.SpacePreflight;
import dev.ferry.transfer.TransferService;
import dev.ferry.transfer.TransferStarted;
import dev.ferry.web.console.ConsoleController;

/**
 * {@code /transfers/export/new}: the export form. A POST runs the engine's pre-checks (every field, the tool, the
 * export root, the S3 bucket) through {@link TransferService#export}; a refusal comes back on the form with the
 * entered values (never the secrets), a launch redirects to the record's page. While the form is filled in, htmx
 * asks {@code /transfers/export/estimate} for the export's estimated size and the export root's free space.
 */
@ConsoleController
class ExportFormController {

	static final String VIEW = "launch/export";

	private final ClusterService clusters;

	private final TransferService transfers;

	private final SpacePreflight space;

	ExportFormController(ClusterService clusters, TransferService transfers, SpacePreflight space) {
		this.clusters = clusters;
		this.transfers = transfers;
		this.space = space;
	}

	@GetMapping("/transfers/export/new")
	String form(@RequestParam(name = "cluster", required = false) @Nullable String cluster, Model model) {
		List<Cluster> all = this.clusters.list();
		ExportForm form = new ExportForm();
		form.preselect(all, cluster);
		model.addAttribute("form", form);
		return show(model, all, form);
	}

	@PostMapping("/transfers/export/new")
	String submit(@ModelAttribute("form") ExportForm form, BindingResult result, Principal principal, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		check(form, result);
		if (!result.hasErrors()) {
			try {
				TransferStarted started = this.transfers.export(form.toRequest(), principal.getName());
				redirect.addFlashAttribute("flashSuccess", "Export " + started.recordId() + " started.");
				return "redirect:/transfers/" + started.recordId();
			}
			catch (FerryException ex) {
				EngineErrors.reject(ex, result,
						form.getFilters().stream().map((rule) -> rule == null ? "" : rule.strip()).toList());
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		model.addAttribute("secretsAsked", form.getPassword() != null && !form.getPassword().isEmpty()
				|| form.getSecretAccessKey() != null && !form.getSecretAccessKey().isEmpty());
		form.forgetSecrets();
		return show(model, this.clusters.list(), form);
	}

	/**
	 * The estimate fragment: the selected tables' size (read with the cluster's stored credentials) against the
	 * export root's free space. The form sends only the cluster, storage and table fields here, never a secret.
	 */
	@HxRequest
	@GetMapping("/transfers/export/estimate")
	String estimate(@ModelAttribute("form") ExportForm form, Model model) {
		String cluster = ExportForm.blankToNull(form.getClusterId());
		boolean byRules = "rules".equals(form.getTables());
		if (cluster != null && !(byRules && form.rules().isEmpty())) {
			try {
				model.addAttribute("estimate", this.space.estimateExport(cluster,
						byRules ? String.join("\n", form.rules()) : null, form.getStorageType(),
						ExportForm.blankToNull(form.getToolChain()), "sql".equals(form.getTables())));
			}
			catch (FerryException ex) {
				model.addAttribute("estimateError", ex.getMessage());
			}
		}
		return "launch/fragments :: estimate";
	}

	/** What the engine cannot know: which row a rule came from, and which S3 field the user left empty. */
	static void check(ExportForm form, BindingResult result) {
		if (ExportForm.blankToNull(form.getClusterId()) == null) {
			result.rejectValue("clusterId", "export.clusterId.required", "Choose the cluster to export.");
		}
		if ("rules".equals(form.getTables())) {
			if (form.rules().isEmpty()) {
				result.rejectValue("filters", "export.filters.required", "Enter at least one rule, or choose all tables.");
			}
			for (int i = 0; i < form.getFilters().size(); i++) {
				String rule = form.getFilters().get(i);
				if (rule != null && (rule.contains(";") || rule.contains("\n") || rule.contains("\r"))) {
					result.rejectValue("filters[" + i + "]", "export.filters.oneRule", new Object[] { rule.strip() },
							"One rule per row: put each part of '" + rule.strip() + "' in its own row.");
				}
			}
		}
		if ("sql".equals(form.getTables())) {
			if (ExportForm.blankToNull(form.getSql()) == null) {
				result.rejectValue("sql", "export.sql.required", "Enter the query to export, or choose all tables.");
			}
			if (!"csv".equals(form.getFileType())) {
				result.rejectValue("fileType", "export.fileType.csvForSql", "A query exports as CSV: choose CSV.");
			}
		}
		if (form.isS3()) {
			requireS3(form.getEndpointUrl(), "endpointUrl", result);
			requireS3(form.getBucketUrl(), "bucketUrl", result);
			requireS3(form.getAccessKey(), "accessKey", result);
			requireS3(form.getSecretAccessKey(), "secretAccessKey", result);
		}
	}

	/** The four S3 fields are required (the secret key again after a refusal: it is never sent back). */
	static void requireS3(@Nullable String value, String field, BindingResult result) {
		if (value == null || value.isBlank()) {
			result.rejectValue(field, "s3.required." + field, "Enter the " + field + ".");
		}
	}

	private static String show(Model model, List<Cluster> clusters, ExportForm form) {
		model.addAttribute("clusters", clusters);
		model.addAttribute("selected", clusters.stream()
			.filter((c) -> c.clusterId().equals(form.getClusterId()))
			.findFirst()
			.orElse(null));
		return VIEW;
	}

}
