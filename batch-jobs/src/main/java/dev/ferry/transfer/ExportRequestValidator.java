package dev.ferry.transfer;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.ferry.cluster.Cluster;
import dev.ferry.cluster.ClusterService;
import dev.ferry.error.ErrorCode;
import dev.ferry.error.FerryException;

/** The export pre-check: every field of the request, before anything is created. */
final class ExportRequestValidator {

	static final String DEFAULT_ZIP_NAME = "data.zip";

	private static final Pattern ZIP_NAME = Pattern.compile("[\\p{L}\\p{N}._ +()-]{1,120}");

	private ExportRequestValidator() {
	}

	static ExportPlan validate(ExportRequest request, ClusterService clusters) {
		if (isBlank(request.clusterId())) {
			throw FerryException.invalid("clusterId is required");
		}
		Cluster cluster = clusters.get(request.clusterId());
		String storageType = lower(request.storageType(), "storageType");
		if (storageType.equals("s3")) {
			throw FerryException.invalid("storageType s3 is not available yet on the mysql tool chain; use nfs");
		}
		if (!storageType.equals("nfs")) {
			throw FerryException.invalid("storageType '" + request.storageType() + "' is invalid: use nfs or s3");
		}
		String fileType = lower(request.fileType(), "fileType");
		if (fileType.equals("csv")) {
			throw FerryException.invalid("fileType csv is not supported by the mysql tool chain (mydumper 0.10 "
					+ "writes SQL only); use fileType sql");
		}
		if (!fileType.equals("sql")) {
			throw FerryException.invalid("fileType '" + request.fileType() + "' is invalid: use sql or csv");
		}
		if (!isBlank(request.filter()) || !isBlank(request.sql())) {
			throw FerryException.invalid("filter and sql are not available yet on the mysql tool chain");
		}
		String userName = userName(request, cluster);
		var credential = credential(request, cluster, userName);
		return new ExportPlan(cluster, userName, credential, storageType, fileType, zipName(request.zipName()),
				comment(request.comment()));
	}

	private static String userName(ExportRequest request, Cluster cluster) {
		if (request.userName() == null) {
			return cluster.user();
		}
		if (request.userName().isBlank()) {
			throw FerryException.invalid("userName is empty; omit it to use the cluster's user '" + cluster.user() + "'");
		}
		if (request.userName().length() > 128) {
			throw FerryException.invalid("userName is longer than 128 characters");
		}
		return request.userName();
	}

	private static ExportPlan.CredentialSource credential(ExportRequest request, Cluster cluster, String userName) {
		if (request.password() == null) {
			if (!userName.equals(cluster.user())) {
				throw FerryException.invalid("password is required when userName differs from the cluster's user");
			}
			return new ExportPlan.CredentialSource(false, "");
		}
		if (request.password().isEmpty()) {
			throw FerryException.invalid("password is empty; omit it to use the cluster's stored password");
		}
		if (request.password().length() > 1000) {
			throw FerryException.invalid("password is longer than 1000 characters");
		}
		return new ExportPlan.CredentialSource(true, request.password());
	}

	static String zipName(@Nullable String requested) {
		if (requested == null || requested.isBlank()) {
			return DEFAULT_ZIP_NAME;
		}
		String name = requested.strip();
		if (name.contains("/") || name.contains("\\") || name.contains("..") || name.startsWith(".")
				|| name.endsWith(".") || !ZIP_NAME.matcher(name).matches()) {
			throw FerryException.invalid("zipName '" + requested + "' is invalid: a file name without '/', '\\' or '..', not starting or ending with '.', "
					+ "up to 120 letters, digits, spaces and ._-+()");
		}
		return name.toLowerCase(Locale.ROOT).endsWith(".zip") ? name : name + ".zip";
	}

	private static String comment(@Nullable String comment) {
		if (comment == null) {
			return "";
		}
		if (comment.length() > 1000) {
			throw FerryException.invalid("comment is longer than 1000 characters");
		}
		return comment;
	}

	private static String lower(@Nullable String value, String field) {
		if (isBlank(value)) {
			throw new FerryException(ErrorCode.PARAMETER_INVALID, field + " is required");
		}
		return value.strip().toLowerCase(Locale.ROOT);
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
