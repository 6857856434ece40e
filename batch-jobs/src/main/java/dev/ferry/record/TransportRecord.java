package dev.ferry.record;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A transfer record as the API shows it (TiUniManager's {@code DataImportExportRecordInfo} plus {@code workFlowId},
 * {@code message} (why it failed), {@code progress} and {@code verification} (an import checked against the
 * export's manifest)). It is read from the Batch tables: the JobInstance and its latest execution.
 */
public record TransportRecord(String recordId, String workFlowId, String clusterId, String transportType,
		String filePath, String zipName, String storageType, String comment, String status,
		@Nullable OffsetDateTime startTime, @Nullable OffsetDateTime endTime, OffsetDateTime createTime,
		OffsetDateTime updateTime, @Nullable String message, @Nullable Progress progress,
		@Nullable String verification) {
}
