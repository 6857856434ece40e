package dev.ferry.web.api;

import java.security.Principal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.ferry.transfer.DrillRequest;
import dev.ferry.transfer.RestoreDrills;
import dev.ferry.transfer.TransferStarted;

/** A restore drill of an existing export, now. */
@Tag(name = "Transfer records")
@RestController
class RestoreDrillApiController {

	private final RestoreDrills drills;

	RestoreDrillApiController(RestoreDrills drills) {
		this.drills = drills;
	}

	@Operation(summary = "Drill an export", description = "Imports a Finished NFS export into a drill cluster, into "
			+ "databases named <db>_drill_<drill record id> (refused if one exists there), verifies the row counts "
			+ "against its manifest and records the outcome as the export record's restoreDrill; the export's own "
			+ "status never changes. The drill is an import record of transportType drill: it counts against the "
			+ "transfer capacity and the one-import-per-cluster rule.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "Started (or queued): the drill's own record and workflow."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = OpenApiConfiguration.PARAMETER_INVALID + "clusterId is missing, the cluster is not a MYSQL cluster, the record is not a Finished NFS export, or an import into the drill cluster is already running."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = OpenApiConfiguration.RECORD_NOT_FOUND) })
	@PostMapping("/api/v1/clusters/transport/{recordId}/drill")
	ApiResponse<TransferStarted> drill(
			@Parameter(description = "Id of the export record to drill.") @PathVariable String recordId,
			@RequestBody DrillRequest request, Principal principal) {
		return ApiResponse.ok(this.drills.drill(recordId, request, principal.getName()));
	}

}
