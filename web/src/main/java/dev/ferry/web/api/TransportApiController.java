package dev.ferry.web.api;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

	@PostMapping("/export")
	ApiResponse<TransferStarted> export(@RequestBody ExportRequest request, Principal principal) {
		return ApiResponse.ok(this.transfers.export(request, principal.getName()));
	}

	@PostMapping("/import")
	ApiResponse<TransferStarted> importData(@RequestBody ImportRequest request, Principal principal) {
		return ApiResponse.ok(this.transfers.importData(request, principal.getName()));
	}

	@GetMapping("/transport")
	ApiResponse<Map<String, List<TransportRecord>>> records(@RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = "10") int pageSize, @RequestParam(required = false) @Nullable Long recordId,
			@RequestParam(required = false) @Nullable String clusterId,
			@RequestParam(required = false) @Nullable Boolean reImport,
			@RequestParam(required = false) @Nullable Long startTime,
			@RequestParam(required = false) @Nullable Long endTime,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String transportType) {
		if (page < 1) {
			throw FerryException.invalid("page must be 1 or more, was " + page);
		}
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
