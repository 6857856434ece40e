package dev.ferry.schedule;

import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/** A row of {@code FERRY_SCHEDULE}: the export options without secrets, which are referenced by id. */
record StoredSchedule(long id, String name, long clusterId, String cron, String timeZone, boolean enabled,
		@Nullable Integer keepLast, @Nullable Long maxAgeSeconds, @Nullable String userName,
		@Nullable Long passwordSecretId, String fileType, @Nullable String filter, @Nullable String sql,
		String storageType, @Nullable String zipName, @Nullable String endpointUrl, @Nullable String bucketUrl,
		@Nullable Long s3SecretId, @Nullable String comment, @Nullable String toolChain, String createdBy,
		LocalDateTime createdAt, LocalDateTime updatedAt) {
}
