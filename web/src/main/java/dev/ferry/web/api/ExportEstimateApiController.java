package dev.ferry.web.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ferry.transfer.SpaceEstimate;
import dev.ferry.transfer.SpacePreflight;

/** {@code GET /api/v1/clusters/export/estimate}: the space preflight of an export, before it is requested. */
@Tag(name = "Transfers")
@RestController
@RequestMapping("/api/v1/clusters")
class ExportEstimateApiController {

	private final SpacePreflight space;

	ExportEstimateApiController(SpacePreflight space) {
		this.space = space;
	}

	@Operation(summary = "Estimate an export's size and the free space it needs (OPERATOR)", description = "Reads the "
			+ "source's information_schema.TABLES with the cluster's stored credentials: the selected base tables' "
			+ "AVG_ROW_LENGTH × TABLE_ROWS (DATA_LENGTH where unknown), and the usable space of the export root. An "
			+ "export launched while fits is false is refused with 409 (60310) naming both. Not estimated: a query "
			+ "export (sql=true) and a source that cannot be read; dumpling exports to S3 need no local space.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The estimate."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = OpenApiConfiguration.PARAMETER_INVALID + "clusterId missing, a filter rule or toolChain is wrong."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = OpenApiConfiguration.CLUSTER_NOT_FOUND) })
	@GetMapping("/export/estimate")
	ApiResponse<Estimate> estimate(
			@Parameter(description = "The cluster to export from.", example = "1") @RequestParam(required = false) @Nullable String clusterId,
			@Parameter(description = "Table-filter rules as for POST /export (default: every table).", example = "shop.*;!shop.tmp_*") @RequestParam(required = false) @Nullable String filter,
			@Parameter(description = "nfs (default) or s3.", example = "nfs") @RequestParam(required = false) @Nullable String storageType,
			@Parameter(description = "tidb or mysql (default by the cluster's kind).", example = "mysql") @RequestParam(required = false) @Nullable String toolChain,
			@Parameter(description = "true for a query export (its size is not estimated).", example = "false") @RequestParam(defaultValue = "false") boolean sql) {
		return ApiResponse.ok(Estimate.of(this.space.estimateExport(clusterId, filter, storageType, toolChain, sql)));
	}

	@Schema(name = "ExportEstimate")
	record Estimate(
			@Schema(description = "Estimated size of the dump in bytes; null when not estimated (see note).", example = "1288490188") @Nullable Long bytes,
			@Schema(description = "Base tables the estimate covers.", example = "14") int tables,
			@Schema(description = "bytes × margin; null when not estimated.", example = "1546188226") @Nullable Long requiredBytes,
			@Schema(description = "Usable space of the export root in bytes; null when not checked (see note).", example = "39728447488") @Nullable Long freeBytes,
			@Schema(description = "The export root the dump is written to; null when dumpling writes to S3 itself.", example = "/data/export") @Nullable String root,
			@Schema(description = "ferry.transfers.space-margin (FERRY_SPACE_MARGIN); 0: the check is off.", example = "1.2") double margin,
			@Schema(description = "false when an export now would be refused for lack of space.", example = "true") boolean fits,
			@Schema(description = "The estimate in words.", example = "about 1.2 GiB in 14 tables; 37.0 GiB free on the export root /data/export") String summary,
			@Schema(description = "Why a number is missing, or null.") @Nullable String note) {

		static Estimate of(SpaceEstimate estimate) {
			return new Estimate(estimate.bytes(), estimate.tables(), estimate.requiredBytes(), estimate.freeBytes(),
					estimate.root(), estimate.margin(), estimate.fits(), estimate.summary(), estimate.note());
		}

	}

}
