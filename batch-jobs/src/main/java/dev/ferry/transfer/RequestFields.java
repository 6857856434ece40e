package dev.ferry.transfer;

import org.jspecify.annotations.Nullable;

import dev.ferry.cluster.Cluster;
import dev.ferry.error.FerryException;

/** Checks of the request fields that exports and imports share: credentials and comment. */
final class RequestFields {

	static final int MAX_PASSWORD_LENGTH = 1000;

	private RequestFields() {
	}

	/** The user to connect as: the request's, or the cluster's when omitted; an empty one is an error. */
	static String userName(@Nullable String requested, Cluster cluster) {
		if (requested == null) {
			return cluster.user();
		}
		if (requested.isBlank()) {
			throw FerryException.invalid("userName is empty; omit it to use the cluster's user '" + cluster.user() + "'");
		}
		if (requested.length() > 128) {
			throw FerryException.invalid("userName is longer than 128 characters");
		}
		if (requested.startsWith("-")) {
			throw FerryException.invalid("userName '" + requested + "' starts with '-', which the tools would read as "
					+ "an option");
		}
		return requested;
	}

	/** The password source: the request's, or the cluster's stored one when omitted (same user only). */
	static ExportPlan.CredentialSource credential(@Nullable String password, Cluster cluster, String userName) {
		if (password == null) {
			if (!userName.equals(cluster.user())) {
				throw FerryException.invalid("password is required when userName differs from the cluster's user");
			}
			return new ExportPlan.CredentialSource(false, "");
		}
		if (password.isEmpty()) {
			throw FerryException.invalid("password is empty; omit it to use the cluster's stored password");
		}
		if (password.length() > MAX_PASSWORD_LENGTH) {
			throw FerryException.invalid("password is longer than " + MAX_PASSWORD_LENGTH + " characters");
		}
		return new ExportPlan.CredentialSource(true, password);
	}

	static String comment(@Nullable String comment) {
		if (comment == null) {
			return "";
		}
		if (comment.length() > 1000) {
			throw FerryException.invalid("comment is longer than 1000 characters");
		}
		return comment;
	}

	static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

}
