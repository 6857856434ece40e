package dev.ferry.transfer;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** A restore drill of an existing export, started now ({@code POST /api/v1/clusters/transport/{recordId}/drill}). */
@Schema(description = "Drill an export now: import it into the drill cluster (databases <db>_drill_<drill record id>), "
		+ "verify it against its manifest, and record the outcome as the export record's restoreDrill.")
public record DrillRequest(
		@Schema(description = "Id of the drill cluster, a MYSQL cluster (it may be the export's own cluster). Required. The drill connects as the cluster's stored user.", requiredMode = Schema.RequiredMode.REQUIRED, example = "2") @Nullable String clusterId,
		@Schema(description = "Drop the databases the drill created when it ends. Default true.", defaultValue = "true", example = "true") @Nullable Boolean dropAfterwards) {
}
