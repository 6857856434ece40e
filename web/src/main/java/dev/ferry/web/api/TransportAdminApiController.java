package dev.ferry.web.api;

import java.security.Principal;
import java.util.Map;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.ferry.transfer.TransferAdmin;
import dev.ferry.transfer.TransferStarted;

/** Batch admin of transfer records: stop, restart, delete. */
@RestController
@RequestMapping("/api/v1/clusters/transport/{recordId}")
class TransportAdminApiController {

	private final TransferAdmin admin;

	TransportAdminApiController(TransferAdmin admin) {
		this.admin = admin;
	}

	@PostMapping("/stop")
	ApiResponse<TransferStarted> stop(@PathVariable String recordId, Principal principal) {
		return ApiResponse.ok(this.admin.stop(recordId, principal.getName()));
	}

	@PostMapping("/restart")
	ApiResponse<TransferStarted> restart(@PathVariable String recordId, Principal principal) {
		return ApiResponse.ok(this.admin.restart(recordId, principal.getName()));
	}

	@DeleteMapping
	ApiResponse<Map<String, String>> delete(@PathVariable String recordId,
			@RequestParam(defaultValue = "false") boolean deleteRemote, Principal principal) {
		this.admin.delete(recordId, deleteRemote, principal.getName());
		return ApiResponse.ok(Map.of("recordId", recordId));
	}

}
