package dev.ferry.record;

import java.time.OffsetDateTime;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** The latest restore drill of an export record (README "Restore drills"). */
@Schema(description = "The latest restore drill of an export: the export imported into a drill cluster and verified "
		+ "against its manifest.")
public record RestoreDrill(
		@Schema(description = "RUNNING, RESTORABLE, NOT_RESTORABLE, or NOT_STARTED (the drill could not start, e.g. the drill cluster had an import running).", allowableValues = { "RUNNING", "RESTORABLE", "NOT_RESTORABLE", "NOT_STARTED" }, example = "RESTORABLE") String state,
		@Schema(description = "One line: \"restorable, verified <time>, <n> tables, <rows> rows\" or \"not restorable: <reason>\".", example = "restorable, verified 2026-12-07 02:14:09, 12 tables, 184467 rows") String summary,
		@Schema(description = "The drill's own record (an import of transportType drill); null if it could not start.", example = "43") @Nullable String drillRecordId,
		@Schema(description = "The cluster the drill loaded into.", example = "2") String drillClusterId,
		@Schema(description = "Tables verified (RESTORABLE only).", example = "12") @Nullable Integer tables,
		@Schema(description = "Rows verified (RESTORABLE only).", example = "184467") @Nullable Long rows,
		@Schema(description = "When this state was recorded.") OffsetDateTime updatedAt) {

	public boolean restorable() {
		return "RESTORABLE".equals(this.state);
	}

}
