package dev.ferry.error;

/**
 * Ferry's error codes. The {@code TIEM_TRANSPORT_*} codes keep the seed's names, numbers and HTTP statuses;
 * {@code PARAMETER_INVALID} and {@code CLUSTER_NOT_FOUND} are TiUniManager's general codes and
 * {@code RBAC_PERMISSION_CHECK_FAILED} its code for a role that does not allow a call; {@code SCHEDULE_NOT_FOUND}
 * (60200) is Ferry's own (TiUniManager has no schedules), and so is {@code TRANSFER_CONFLICT} (60300: an import of the
 * same target cluster, or a deletion or import of the same record, is in progress).
 */
public enum ErrorCode {

	PARAMETER_INVALID(10001, 400, "parameter invalid"),
	CLUSTER_NOT_FOUND(10003, 404, "cluster not found"),
	TIEM_TRANSPORT_SYSTEM_CONFIG_NOT_FOUND(60100, 404, "data transport system config not found"),
	TIEM_TRANSPORT_SYSTEM_CONFIG_INVALID(60101, 400, "data transport system config invalid"),
	TIEM_TRANSPORT_RECORD_NOT_FOUND(60102, 404, "data transport record is not found"),
	TIEM_TRANSPORT_RECORD_CREATE_FAILED(60103, 500, "create data transport record failed"),
	TIEM_TRANSPORT_RECORD_DELETE_FAILED(60104, 500, "delete data transport record failed"),
	TIEM_TRANSPORT_RECORD_QUERY_FAILED(60105, 500, "query data transport record failed"),
	TIEM_TRANSPORT_FILE_DELETE_FAILED(60106, 500, "remove transport file failed"),
	TIEM_TRANSPORT_PATH_CREATE_FAILED(60107, 500, "data transport filepath create failed"),
	TIEM_TRANSPORT_FILE_SIZE_INVALID(60108, 400, "data transport file size invalid"),
	TIEM_TRANSPORT_FILE_UPLOAD_FAILED(60109, 500, "data transport file upload failed"),
	TIEM_TRANSPORT_FILE_DOWNLOAD_FAILED(60110, 500, "data transport file download failed"),
	TIEM_TRANSPORT_FILE_TRANSFER_LIMITED(60111, 400, "exceed limit file transfer num"),
	SCHEDULE_NOT_FOUND(60200, 404, "schedule not found"),
	TRANSFER_CONFLICT(60300, 409, "conflicts with a transfer in progress"),
	RBAC_PERMISSION_CHECK_FAILED(70650, 403, "rbac permission check failed");

	private final int code;

	private final int httpStatus;

	private final String description;

	ErrorCode(int code, int httpStatus, String description) {
		this.code = code;
		this.httpStatus = httpStatus;
		this.description = description;
	}

	public int code() {
		return this.code;
	}

	public int httpStatus() {
		return this.httpStatus;
	}

	public String description() {
		return this.description;
	}

}
