package dev.ferry.web.launch;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

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
import dev.ferry.record.RecordFilter;
import dev.ferry.record.RecordPage;
import dev.ferry.record.TransportRecord;
import dev.ferry.record.TransportRecordQuery;
import dev.ferry.transfer.TransferService;
import dev.ferry.transfer.TransferStarted;
import dev.ferry.upload.UploadStore;
import dev.ferry.web.console.ConsoleController;
import dev.ferry.web.console.ConsoleFormat;

/**
 * {@code /transfers/import/new}: the import form. The Re-import button of an export links here with
 * {@code ?source=record&recordId=&cluster=}. A POST runs the engine's pre-checks through
 * {@link TransferService#importData} (the source, the target's tables unless overwrite, one import per cluster); a
 * refusal comes back on the form, a launch redirects to the record's page.
 */
@ConsoleController
class ImportFormController {

	static final String VIEW = "launch/import";

	/** Re-importable exports listed on the form, newest first. */
	static final int EXPORTS_SHOWN = 50;

	private final ClusterService clusters;

	private final TransferService transfers;

	private final TransportRecordQuery records;

	private final UploadStore uploads;

	private final ConsoleFormat format;

	ImportFormController(ClusterService clusters, TransferService transfers, TransportRecordQuery records,
			UploadStore uploads, ConsoleFormat format) {
		this.format = format;
		this.clusters = clusters;
		this.transfers = transfers;
		this.records = records;
		this.uploads = uploads;
	}

	@GetMapping("/transfers/import/new")
	String form(@RequestParam(name = "cluster", required = false) @Nullable String cluster,
			@RequestParam(name = "source", required = false) @Nullable String source,
			@RequestParam(name = "recordId", required = false) @Nullable String recordId, Model model) {
		List<Cluster> all = this.clusters.list();
		ImportForm form = new ImportForm();
		form.preselect(all, cluster);
		if (recordId != null && !recordId.isBlank()) {
			form.setSource("record");
			form.setRecordId(recordId.strip());
		}
		else if (source != null && List.of("upload", "record", "s3").contains(source)) {
			form.setSource(source);
		}
		model.addAttribute("form", form);
		return show(model, all, form);
	}

	@PostMapping("/transfers/import/new")
	String submit(@ModelAttribute("form") ImportForm form, BindingResult result, Principal principal, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		check(form, result);
		if (!result.hasErrors()) {
			try {
				TransferStarted started = this.transfers.importData(form.toRequest(), principal.getName());
				redirect.addFlashAttribute("flashSuccess", "Import " + started.recordId() + " started.");
				return "redirect:/transfers/" + started.recordId();
			}
			catch (FerryException ex) {
				EngineErrors.reject(ex, result, List.of());
			}
		}
		response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
		model.addAttribute("secretsAsked", form.hasSecrets());
		form.forgetSecrets();
		return show(model, this.clusters.list(), form);
	}

	static void check(ImportForm form, BindingResult result) {
		if (ExportForm.blankToNull(form.getClusterId()) == null) {
			result.rejectValue("clusterId", "import.clusterId.required", "Choose the cluster to import into.");
		}
		switch (form.getSource()) {
			case "upload" -> {
				if (ExportForm.blankToNull(form.getUploadId()) == null) {
					result.rejectValue("uploadId", "import.uploadId.required", "Upload a zip first.");
				}
			}
			case "record" -> {
				if (ExportForm.blankToNull(form.getRecordId()) == null) {
					result.rejectValue("recordId", "import.recordId.required", "Choose the export to import.");
				}
			}
			case "s3" -> {
				ExportFormController.requireS3(form.getEndpointUrl(), "endpointUrl", result);
				ExportFormController.requireS3(form.getBucketUrl(), "bucketUrl", result);
				ExportFormController.requireS3(form.getAccessKey(), "accessKey", result);
				ExportFormController.requireS3(form.getSecretAccessKey(), "secretAccessKey", result);
			}
			default -> result.rejectValue("source", "import.source.invalid", "Choose where the data comes from.");
		}
	}

	private String show(Model model, List<Cluster> all, ImportForm form) {
		RecordPage newest = this.records
			.find(new RecordFilter(1, EXPORTS_SHOWN, null, null, true, null, null, null, null));
		List<TransportRecord> exports = new ArrayList<>(newest.records());
		String recordId = form.getRecordId();
		if (recordId != null && recordId.matches("\\d{1,18}")
				&& exports.stream().noneMatch((r) -> r.recordId().equals(recordId))) {
			exports.addAll(this.records
				.find(new RecordFilter(1, 1, Long.parseLong(recordId), null, true, null, null, null, null))
				.records());
		}
		Map<String, String> names = all.stream().collect(Collectors.toMap(Cluster::clusterId, Cluster::name));
		model.addAttribute("clusters", all);
		model.addAttribute("clusterNames", names);
		model.addAttribute("exports", exports);
		model.addAttribute("olderExports", newest.total() - newest.records().size());
		model.addAttribute("selected",
				all.stream().filter((c) -> c.clusterId().equals(form.getClusterId())).findFirst().orElse(null));
		model.addAttribute("upload", form.getUploadId() == null ? null : this.uploads.find(form.getUploadId()).orElse(null));
		model.addAttribute("maxUploadBytes", this.uploads.maxUploadBytes());
		model.addAttribute("maxUploadText", this.format.bytes(this.uploads.maxUploadBytes()));
		return VIEW;
	}

}
