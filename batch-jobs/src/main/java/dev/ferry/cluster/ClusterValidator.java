package dev.ferry.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.ferry.error.FerryException;

/** Checks a {@link ClusterDraft}; every problem is named in one message. */
final class ClusterValidator {

	private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,252})");

	/** An IPv6 literal such as {@code fd00::5}: hex digits and colons (at least two), perhaps a dotted IPv4 tail. */
	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*");

	private static final Pattern PD_ADDRESS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*:([0-9]{1,5})");

	/** MySQL option files are read in 4 KiB lines; a longer password would reach the tools cut off. */
	static final int MAX_PASSWORD_LENGTH = 1000;

	private ClusterValidator() {
	}

	static ClusterKind validate(ClusterDraft draft) {
		List<String> problems = new ArrayList<>();
		ClusterKind kind = null;
		if (isBlank(draft.name())) {
			problems.add("name is required");
		}
		else if (draft.name().length() > 128) {
			problems.add("name is longer than 128 characters");
		}
		if (isBlank(draft.kind())) {
			problems.add("kind is required (TIDB or MYSQL)");
		}
		else {
			try {
				kind = ClusterKind.valueOf(draft.kind().strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				problems.add("kind '" + draft.kind() + "' is unknown (TIDB or MYSQL)");
			}
		}
		if (isBlank(draft.host())) {
			problems.add("host is required");
		}
		else {
			String hostProblem = hostProblem(draft.host());
			if (hostProblem != null) {
				problems.add("host '" + draft.host() + "' " + hostProblem);
			}
		}
		checkPort(draft.port(), "port", true, problems);
		checkPort(draft.statusPort(), "statusPort", false, problems);
		if (!isBlank(draft.pdAddress())) {
			for (String address : draft.pdAddress().strip().split(",")) {
				var matcher = PD_ADDRESS.matcher(address.strip());
				if (!matcher.matches() || Integer.parseInt(matcher.group(1)) < 1
						|| Integer.parseInt(matcher.group(1)) > 65535) {
					problems.add("pdAddress '" + address.strip() + "' must be host:port (port 1-65535), the host "
							+ "starting with a letter or digit");
				}
			}
		}
		if (isBlank(draft.user())) {
			problems.add("user is required");
		}
		else if (draft.user().length() > 128) {
			problems.add("user is longer than 128 characters");
		}
		else if (draft.user().startsWith("-")) {
			problems.add("user '" + draft.user() + "' starts with '-', which the tools would read as an option");
		}
		if (draft.password() != null && draft.password().length() > MAX_PASSWORD_LENGTH) {
			problems.add("password is longer than " + MAX_PASSWORD_LENGTH + " characters");
		}
		if (!problems.isEmpty()) {
			throw FerryException.invalid("invalid cluster: " + String.join("; ", problems));
		}
		return kind;
	}

	/**
	 * Why a host is not usable, or null. The tools and JDBC take the port from {@code port}, so a host must not carry
	 * one ({@code localhost:3307} would reach JDBC on 3307 and mydumper on 3306), nor a path or a leading '-'.
	 */
	private static @Nullable String hostProblem(String host) {
		if (HOST.matcher(host).matches()) {
			return null;
		}
		if (IPV6.matcher(host).matches()) {
			try {
				java.net.InetAddress.getByName(host); // a literal with ':' is parsed, never looked up
				return null;
			}
			catch (java.net.UnknownHostException ex) {
				return "is not a valid IPv6 address";
			}
		}
		if (host.startsWith("-")) {
			return "starts with '-', which the tools would read as an option";
		}
		if (host.contains("/")) {
			return "holds a path: give only the host name or IP address";
		}
		if (host.matches("[^:]+:[0-9]*")) {
			return "holds a port: give only the host name or IP address, and the port in port";
		}
		return "is not a host name or IP address";
	}

	private static void checkPort(Integer port, String field, boolean required, List<String> problems) {
		if (port == null) {
			if (required) {
				problems.add(field + " is required");
			}
		}
		else if (port < 1 || port > 65535) {
			problems.add(field + " " + port + " is not between 1 and 65535");
		}
	}

	static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
