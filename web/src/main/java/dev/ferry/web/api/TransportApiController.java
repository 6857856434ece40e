package dev.ferry.web.api;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ferry.error.FerryException;
import dev.ferry.record.RecordFilter;
import dev.ferry.record.RecordPage;
import dev.ferry.record.RecordStatus;
import dev.ferry.record.TransportRecord;
import dev.ferry.record.TransportRecordQuery;
import dev.ferry.transfer.ExportRequest;
import dev.ferry.transfer.ImportRequest;
import dev.ferry.transfer.TransferService;
import dev.ferry.transfer.TransferStarted;

/** TiUniManager's transfer API: {@code POST /export}, {@code POST /import} and {@code GET /transport}. */
@Tag(name = "Transfers", description = "Start exports and imports (TiUniManager's transfer API) and read their "
		+ "records. A record is a Spring Batch job instance: recordId is its id, workFlowId its latest execution.")
@RestController
@RequestMapping("/api/v1/clusters")
class TransportApiController {

	static final int MAX_PAGE_SIZE = 1000;

	private final TransferService transfers;

	private final TransportRecordQuery records;

	TransportApiController(TransferService transfers, TransportRecordQuery records) {
		this.transfers = transfers;
		this.records = records;
	}

	@Operation(summary = "Export data from a cluster", description = "TiUniManager's DataExportReq. Checks every "
			+ "field, then starts the export job (exportDataFromCluster, then updateDataExportRecord) and answers "
			+ "at once; follow it with GET /api/v1/clusters/transport?recordId=. At most "
			+ "FERRY_MAX_CONCURRENT_TRANSFERS transfers run at once, the others are Queued. Every export writes "
			+ "data/manifest.json (row count per table; size, CRC32C and rows per file). On the tidb chain dumpling takes "
			+ "the password only as -p, so it is visible in the Ferry host's process list while the export runs: "
			+ "use a dedicated export user.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "Started (or queued): the record and its workflow."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = OpenApiConfiguration.PARAMETER_INVALID + "a field is missing or wrong (the message names it), or S3 is unreachable or refuses the keys.\n\n" + OpenApiConfiguration.CONFIG_INVALID),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = OpenApiConfiguration.CLUSTER_NOT_FOUND),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "500", description = OpenApiConfiguration.RECORD_CREATE_FAILED + "\n\n" + OpenApiConfiguration.PATH_CREATE_FAILED) })
	@PostMapping("/export")
	ApiResponse<TransferStarted> export(@RequestBody ExportRequest request, Principal principal) {
		return ApiResponse.ok(this.transfers.export(request, principal.getName()));
	}

	@Operation(summary = "Import data into a cluster", description = "TiUniManager's DataImportReq plus uploadId and "
			+ "overwrite. Exactly one source: recordId (re-import of a Finished NFS export, read in place), "
			+ "uploadId (a zip uploaded with POST /api/v1/clusters/import/upload) or storageType s3. Before anything "
			+ "starts Ferry checks the target: if tables of the dump already hold rows there the import is refused "
			+ "naming them, unless overwrite is true. At most one import runs per target cluster. The job runs "
			+ "buildDataImportConfig, importDataToCluster, updateDataImportRecord; an import of a Ferry export "
			+ "compares the target's row counts with its manifest (the record's verification).")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "Started (or queued): the record and its workflow."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = OpenApiConfiguration.PARAMETER_INVALID + "a field is wrong, not exactly one source, the upload is unknown or for another cluster, the export is not a Finished NFS export, or target tables already hold rows (without overwrite).\n\n" + OpenApiConfiguration.CONFIG_INVALID),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = OpenApiConfiguration.CLUSTER_NOT_FOUND + "\n\n" + OpenApiConfiguration.RECORD_NOT_FOUND + " (or its files are gone)"),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "409", description = "60300: an import into this cluster is already running (the message names its record), or the source export is being deleted."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "500", description = OpenApiConfiguration.RECORD_CREATE_FAILED + "\n\n" + OpenApiConfiguration.PATH_CREATE_FAILED) })
	@PostMapping("/import")
	ApiResponse<TransferStarted> importData(@RequestBody ImportRequest request, Principal principal) {
		return ApiResponse.ok(this.transfers.importData(request, principal.getName()));
	}

	@Operation(summary = "List transfer records", description = "Records, newest first, filtered by the given "
			+ "parameters (all optional, combined with AND): data is {transportRecords: [...]}, with page {page, "
			+ "pageSize, total}. Each record carries its status, progress (while running), message (why it failed) "
			+ "and verification (imports).")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "One page of records."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = OpenApiConfiguration.PARAMETER_INVALID + "page not within 1-1000000, pageSize not within 1-1000, endTime before startTime, an unknown status or transportType, or a value of the wrong type.") })
	@GetMapping("/transport")
	ApiResponse<Map<String, List<TransportRecord>>> records(
			@Parameter(description = "Page to return, counting from 1 (at most 1000000; past the last record the list is empty).", example = "1") @RequestParam(defaultValue = "1") int page,
			@Parameter(description = "Records per page, 1-1000.", example = "10") @RequestParam(defaultValue = "10") int pageSize,
			@Parameter(description = "Only this record.", example = "42") @RequestParam(required = false) @Nullable Long recordId,
			@Parameter(description = "Only records of this cluster.") @RequestParam(required = false) @Nullable String clusterId,
			@Parameter(description = "true: only records that can be re-imported (Finished NFS exports).", example = "true") @RequestParam(required = false) @Nullable Boolean reImport,
			@Parameter(description = "Only records started at or after this time (unix seconds).", example = "1714521600") @RequestParam(required = false) @Nullable Long startTime,
			@Parameter(description = "Only records ended at or before this time (unix seconds).", example = "1714608000") @RequestParam(required = false) @Nullable Long endTime,
			@Parameter(description = "Only records with this status: Queued, Processing, Finished, Failed or Stopped (case-insensitive).", example = "Finished") @RequestParam(required = false) @Nullable String status,
			@Parameter(description = "Only imports or only exports: import or export.", example = "export") @RequestParam(required = false) @Nullable String transportType) {
		RecordFilter.checkPage(page);
		if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			throw FerryException.invalid("pageSize must be between 1 and " + MAX_PAGE_SIZE + ", was " + pageSize);
		}
		if (startTime != null && endTime != null && endTime < startTime) {
			throw FerryException.invalid("endTime " + endTime + " is before startTime " + startTime);
		}
		RecordFilter filter = new RecordFilter(page, pageSize, recordId, blankToNull(clusterId), reImport, startTime,
				endTime, status == null || status.isBlank() ? null : RecordStatus.parse(status),
				transportType(transportType));
		RecordPage result = this.records.find(filter);
		return ApiResponse.ok(Map.of("transportRecords", result.records()),
				new ApiResponse.Page(result.page(), result.pageSize(), result.total()));
	}

	private static @Nullable String transportType(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String type = value.strip().toLowerCase(Locale.ROOT);
		if (!type.equals("import") && !type.equals("export")) {
			throw FerryException.invalid("transportType '" + value + "' is invalid: use import or export");
		}
		return type;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
