package dev.ferry.audit;

import java.time.LocalDateTime;

import io.swagger.v3.oas.annotations.media.Schema;

/** One row of the audit trail: who did what to which target, and when. Details never hold secrets. */
@Schema(description = "One entry of the audit trail.")
public record AuditEntry(@Schema(description = "Id of the entry; a later entry has a larger id.", example = "42") long id,
		@Schema(description = "When it happened (server time).", example = "2026-12-07T05:30:00") LocalDateTime occurredAt,
		@Schema(description = "Who did it: a user name, or schedule:<id> for a schedule's own actions.", example = "admin") String actor,
		@Schema(description = "What was done, as subject.verb.", example = "cluster.update") String action,
		@Schema(description = "What it was done to.", example = "cluster 3 (shop)") String target,
		@Schema(description = "Details, such as the fields that changed; never a password or key.", example = "changed: host db1 -> db2, password") String detail) {
}
