package dev.ferry.schedule;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/** A schedule's restore drill: after each of its exports that finished, import it into this cluster and verify it. */
@Schema(description = "Restore drill of a schedule (README \"Restore drills\"): after each export that finished, it is "
		+ "imported into the drill cluster, into databases named <db>_drill_<drill record id>, and verified against "
		+ "its manifest; the outcome is the export record's restoreDrill.")
public record ScheduleDrill(
		@Schema(description = "Id of the drill cluster, a MYSQL cluster. It may be the schedule's own cluster: the drill's databases have their own names. Required.", requiredMode = Schema.RequiredMode.REQUIRED, example = "2") @Nullable String clusterId,
		@Schema(description = "Drop the databases the drill created when it ends. Default true.", defaultValue = "true", example = "true") @Nullable Boolean dropAfterwards) {

	public boolean drops() {
		return this.dropAfterwards == null || this.dropAfterwards;
	}

}
