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
		if (RequestFields.isBlank(request.clusterId())) {
			throw FerryException.invalid("clusterId is required");
		}
		longest("endpointUrl", request.endpointUrl(), 512);
		longest("bucketUrl", request.bucketUrl(), 1024);
		longest("accessKey", request.accessKey(), RequestFields.MAX_PASSWORD_LENGTH);
		longest("secretAccessKey", request.secretAccessKey(), RequestFields.MAX_PASSWORD_LENGTH);
		Cluster cluster = clusters.get(request.clusterId());
		String storageType = lower(request.storageType(), "storageType");
		if (!storageType.equals("nfs") && !storageType.equals("s3")) {
			throw FerryException.invalid("storageType '" + request.storageType() + "' is invalid: use nfs or s3");
		}
		ToolChain chain = ToolChain.choose(request.toolChain(), cluster.kind());
		String fileType = lower(request.fileType(), "fileType");
		if (!fileType.equals("sql") && !fileType.equals("csv")) {
			throw FerryException.invalid("fileType '" + request.fileType() + "' is invalid: use sql or csv");
		}
		String compression = NativeOptions.compression(request.compression(), chain);
		Long chunkRows = NativeOptions.chunkRows(request.chunkRows(), chain);
		if (fileType.equals("csv") && chain == ToolChain.MYSQL) {
			throw FerryException.invalid("fileType csv is not supported by the mysql tool chain (mydumper 0.10 "
					+ "writes SQL only); use fileType sql, or the tidb tool chain");
		}
		if (!RequestFields.isBlank(request.sql())) {
			if (chain == ToolChain.NATIVE) {
				throw FerryException.invalid("sql (a query export) is not supported by the native tool chain, which "
						+ "exports tables: choose them with filter rules, or use the tidb tool chain for a query");
			}
			if (chain == ToolChain.MYSQL) {
				throw FerryException.invalid("sql exports need fileType csv, which the mysql tool chain (mydumper "
						+ "0.10) cannot write; use filter rules to choose tables");
			}
			if (!fileType.equals("csv") || !RequestFields.isBlank(request.filter())) {
				throw FerryException.invalid("sql is used only with fileType csv and without filter (dumpling --sql)");
			}
			if (request.sql().length() > 2000) {
				throw FerryException.invalid("sql is longer than 2000 characters");
			}
			if (request.sql().strip().startsWith("-")) {
				throw FerryException.invalid("sql starts with '-', which dumpling would read as an option: start "
						+ "with SELECT");
			}
		}
		if (request.filter() != null && request.filter().length() > 2000) {
			throw FerryException.invalid("filter is longer than 2000 characters");
		}
		TableFilter filter = TableFilter.parse(request.filter());
		String userName = RequestFields.userName(request.userName(), cluster);
		var credential = RequestFields.credential(request.password(), cluster, userName);
		return new ExportPlan(cluster, userName, credential, storageType, fileType, zipName(request.zipName()),
				RequestFields.comment(request.comment()), RequestFields.isBlank(request.filter()) ? "" : filter.toString(),
				chain, RequestFields.isBlank(request.sql()) ? "" : request.sql(),
				storageType.equals("s3") ? S3Target.fromRequest(request.endpointUrl(), request.bucketUrl(),
						request.accessKey(), request.secretAccessKey()) : null, compression, chunkRows);
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

	/** Whatever the storage type, since a schedule stores every field it is given. */
	private static void longest(String field, @Nullable String value, int max) {
		if (value != null && value.length() > max) {
			throw FerryException.invalid(field + " is longer than " + max + " characters");
		}
	}

	private static String lower(@Nullable String value, String field) {
		if (RequestFields.isBlank(value)) {
			throw new FerryException(ErrorCode.PARAMETER_INVALID, field + " is required");
		}
		return value.strip().toLowerCase(Locale.ROOT);
	}

}
