package dev.ferry.web.transfers;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.util.UriComponentsBuilder;

import dev.ferry.error.FerryException;
import dev.ferry.record.RecordFilter;
import dev.ferry.record.RecordStatus;

/**
 * The transfer list's query string: every filter the list shows lives in the URL, so a filtered page can be
 * bookmarked and the back button works.
 */
public record TransferListQuery(@Nullable String status, @Nullable String type, @Nullable String cluster,
		@Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime from,
		@Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime to, @Nullable String q,
		@Nullable Integer page, @Nullable Integer size) {

	static final int DEFAULT_SIZE = 20;

	int pageNumber() {
		return this.page == null || this.page < 1 ? 1 : this.page;
	}

	int pageSize() {
		return this.size == null || this.size < 1 ? DEFAULT_SIZE : Math.min(this.size, 100);
	}

	RecordFilter toFilter() {
		RecordStatus recordStatus = blank(this.status) ? null : RecordStatus.parse(this.status);
		String transportType = blank(this.type) ? null : this.type.strip().toLowerCase();
		if (transportType != null && !transportType.equals("export") && !transportType.equals("import")) {
			throw FerryException.invalid("type '" + this.type + "' is invalid: use export or import");
		}
		return new RecordFilter(pageNumber(), pageSize(), null, blank(this.cluster) ? null : this.cluster.strip(), null,
				epochSeconds(this.from), epochSeconds(this.to), recordStatus, transportType,
				blank(this.q) ? null : this.q.strip());
	}

	/** This query's URL with some parameters replaced (a tab, a page); empty parameters are left out. */
	public String with(String name, @Nullable Object value) {
		Map<String, @Nullable Object> parameters = new LinkedHashMap<>();
		parameters.put("status", this.status);
		parameters.put("type", this.type);
		parameters.put("cluster", this.cluster);
		parameters.put("from", this.from);
		parameters.put("to", this.to);
		parameters.put("q", this.q);
		parameters.put("page", this.page);
		parameters.put("size", this.size);
		if (!name.equals("page")) {
			parameters.put("page", null);
		}
		parameters.put(name, value);
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/transfers");
		parameters.forEach((key, v) -> {
			if (v != null && !v.toString().isBlank()) {
				uri.queryParam(key, v);
			}
		});
		return uri.encode().build().toUriString();
	}

	public String url() {
		return with("page", this.page);
	}

	private static @Nullable Long epochSeconds(@Nullable LocalDateTime time) {
		return time == null ? null : time.atZone(ZoneId.systemDefault()).toEpochSecond();
	}

	private static boolean blank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
