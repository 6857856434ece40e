package dev.ferry.web.api;

import java.security.Principal;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ferry.transfer.TransferAdmin;
import dev.ferry.transfer.TransferStarted;

/** Batch admin of transfer records: stop, restart, delete. */
@Tag(name = "Transfer records", description = "Stop, restart and delete transfer records. Every action checks the "
		+ "record's state first and is audited.")
@RestController
@RequestMapping("/api/v1/clusters/transport/{recordId}")
class TransportAdminApiController {

	private final TransferAdmin admin;

	TransportAdminApiController(TransferAdmin admin) {
		this.admin = admin;
	}

	@Operation(summary = "Stop a transfer", description = "Stops a queued or running transfer: its tool's whole "
			+ "process tree ends and the record becomes Stopped (a queued one never starts). It can be restarted.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "Stopping: the record and the execution being stopped."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = OpenApiConfiguration.PARAMETER_INVALID + "the record is not queued or running, or could not be stopped."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = OpenApiConfiguration.RECORD_NOT_FOUND) })
	@PostMapping("/stop")
	ApiResponse<TransferStarted> stop(@Parameter(description = "Id of the transfer record (recordId).") @PathVariable String recordId, Principal principal) {
		return ApiResponse.ok(this.admin.stop(recordId, principal.getName()));
	}

	@Operation(summary = "Restart a transfer", description = "Restarts a Failed or Stopped record from the step "
			+ "that did not complete, as a new execution (workFlowId) of the same record. A native-chain export "
			+ "runs only its partitions (chunk files) that did not complete, in a new snapshot (the record and the "
			+ "manifest then say it spans several); with fresh=true it starts over: its files are deleted and "
			+ "everything is exported again in one new snapshot.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "Restarted (or queued): the record and its new workflow."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = OpenApiConfiguration.PARAMETER_INVALID + "the record is not Failed or Stopped, or fresh was asked for a record that is not a native-chain export."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = OpenApiConfiguration.RECORD_NOT_FOUND + "\n\n" + OpenApiConfiguration.CLUSTER_NOT_FOUND + " (the record's cluster was deleted)"),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "409", description = "60300: an import into the record's cluster is already running (the message names its record)."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "500", description = OpenApiConfiguration.RECORD_CREATE_FAILED) })
	@PostMapping("/restart")
	ApiResponse<TransferStarted> restart(@Parameter(description = "Id of the transfer record (recordId).") @PathVariable String recordId,
			@Parameter(description = "Native-chain exports: true to start over (every file deleted, a new snapshot, every partition) instead of resuming. Default false.", example = "false") @RequestParam(defaultValue = "false") boolean fresh,
			Principal principal) {
		return ApiResponse.ok(this.admin.restart(recordId, principal.getName(), fresh));
	}

	@Operation(summary = "Delete a transfer record", description = "Deletes a record that is not running: its "
			+ "directory (only that one, checked to be inside its storage root), its stored secrets, then the record; "
			+ "with deleteRemote also the objects an S3 export wrote. Refused while a re-import reads the export. "
			+ "Data is {recordId}.")
	@ApiResponses({ @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "Deleted."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = OpenApiConfiguration.PARAMETER_INVALID + "the record is queued or running, or deleteRemote was given for a record that is not an S3 export."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "404", description = OpenApiConfiguration.RECORD_NOT_FOUND),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "409", description = "60300: a re-import reads the export or is being launched from it, or another request is deleting the record."),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "500", description = OpenApiConfiguration.RECORD_DELETE_FAILED + "\n\n" + OpenApiConfiguration.FILE_DELETE_FAILED) })
	@DeleteMapping
	ApiResponse<Map<String, String>> delete(@Parameter(description = "Id of the transfer record (recordId).") @PathVariable String recordId,
			@Parameter(description = "true: also delete the objects an S3 export wrote below its bucketUrl (S3 exports only). Default false: the bucket is left alone.", example = "false") @RequestParam(defaultValue = "false") boolean deleteRemote, Principal principal) {
		this.admin.delete(recordId, deleteRemote, principal.getName());
		return ApiResponse.ok(Map.of("recordId", recordId));
	}

}
