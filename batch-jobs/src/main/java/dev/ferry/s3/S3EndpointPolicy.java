package dev.ferry.s3;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.ferry.s3.S3AccessException.Reason;

/**
 * Which S3 endpoints Ferry may connect to, so that an {@code endpointUrl} cannot make Ferry probe its own host or
 * network (SSRF). Every address the endpoint's host resolves to is checked; an endpoint is refused when any of them is
 * <ul>
 * <li>loopback ({@code 127.0.0.0/8}, {@code ::1}),</li>
 * <li>link-local ({@code 169.254.0.0/16} with the cloud metadata service {@code 169.254.169.254}, {@code fe80::/10})
 * or AWS's IPv6 metadata address {@code fd00:ec2::254},</li>
 * <li>unspecified ({@code 0.0.0.0/8}, {@code ::}), multicast or broadcast,</li>
 * <li>or one of Ferry's own listeners: a local address with one of Ferry's ports,</li>
 * </ul>
 * unless {@value #SETTING} allows it. IPv4 addresses inside IPv6 ({@code ::ffff:127.0.0.1}, {@code ::127.0.0.1},
 * NAT64 {@code 64:ff9b::7f00:1}) are checked as the IPv4 address they carry. A host that does not resolve is refused
 * as "cannot connect", the same answer as a closed port, so that the check reveals nothing about internal names.
 * <p>
 * {@value #SETTING} lists exceptions, comma-separated: host names (the endpoint's host, exactly, case-insensitive;
 * allowing a name trusts whatever it resolves to), IP addresses and CIDR blocks ({@code 10.0.0.0/8},
 * {@code fd00::/8}; an endpoint is allowed when all its addresses are inside them).
 * <p>
 * The check runs before any connection ({@link #check(URI)}) and again before every request an {@link S3Clients}
 * sends (see {@link S3Clients#enforce}). The SDK's HTTP client resolves host names through the JDK's resolver, whose
 * cache ({@code networkaddress.cache.ttl}, 30 s by default) answers both the check and the connection that follows,
 * so a host name whose DNS answer changes between them (DNS rebinding) reaches only the address that was checked.
 */
public final class S3EndpointPolicy {

	/** The setting that allows endpoints refused by default. */
	public static final String SETTING = "ferry.s3.allowed-endpoints";

	/** {@link #SETTING} as an environment variable. */
	public static final String ENVIRONMENT = "FERRY_S3_ALLOWED_ENDPOINTS";

	static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.?");

	/** fd00:ec2::254, the IPv6 address of AWS's instance metadata service. */
	private static final byte[] AWS_METADATA_V6 = { (byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
			0x02, 0x54 };

	private final Set<String> hosts;

	private final List<AddressBlock> blocks;

	private final Supplier<Set<Integer>> ownPorts;

	/**
	 * @param allowed the entries of {@value #SETTING}: host names, IP addresses or CIDR blocks
	 * @param ownPorts the ports Ferry listens on (read at each check: a random port is known only once started)
	 * @throws IllegalArgumentException naming an entry that is none of these
	 */
	public S3EndpointPolicy(Collection<String> allowed, Supplier<Set<Integer>> ownPorts) {
		Set<String> names = new java.util.TreeSet<>();
		List<AddressBlock> ranges = new ArrayList<>();
		for (String raw : allowed) {
			String entry = raw.strip().toLowerCase(Locale.ROOT);
			if (entry.isEmpty()) {
				continue;
			}
			AddressBlock block = AddressBlock.parse(entry);
			if (block != null) {
				ranges.add(block);
			}
			else if (HOST_NAME.matcher(entry).matches() && !entry.matches("[0-9.]+")) {
				names.add(stripDot(entry));
			}
			else {
				throw new IllegalArgumentException(SETTING + ": '" + raw.strip()
						+ "' is not a host name, an IP address or a CIDR block (such as 10.0.0.0/8)");
			}
		}
		this.hosts = Collections.unmodifiableSet(names);
		this.blocks = List.copyOf(ranges);
		this.ownPorts = ownPorts;
	}

	/** The default: no exceptions, no own ports known. */
	public static S3EndpointPolicy defaults() {
		return new S3EndpointPolicy(List.of(), Set::of);
	}

	/**
	 * Checks an endpoint such as {@code http://minio.internal:9000}.
	 * @throws S3AccessException {@link Reason#ENDPOINT_NOT_ALLOWED} naming the address's kind and {@value #SETTING},
	 * or {@link Reason#ENDPOINT_UNREACHABLE} for a host that does not resolve
	 */
	public void check(URI endpoint) {
		String host = endpoint.getHost();
		if (host == null) {
			throw new S3AccessException(Reason.ENDPOINT_NOT_ALLOWED,
					"S3 endpoint " + endpoint + " is not allowed: it has no host name or IP address", null);
		}
		int port = endpoint.getPort() >= 0 ? endpoint.getPort()
				: "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
		check(endpoint.toString(), host, port);
	}

	/** {@link #check(URI)} for one request's host and port (the SDK's view of the endpoint). */
	void check(String shown, String host, int port) {
		String name = stripDot(unbracket(host).toLowerCase(Locale.ROOT));
		if (this.hosts.contains(name)) {
			return;
		}
		if (!name.contains(":") && Character.isDigit(name.charAt(name.lastIndexOf('.') + 1))
				&& (!IPV4.matcher(name).matches() || leadingZero(name))) {
			// 2130706433, 0x7f000001, 127.1, 017.0.0.1 (no top-level domain starts with a digit): resolvers read
			// these differently, and the TiDB tools resolve the endpoint URL themselves
			throw new S3AccessException(Reason.ENDPOINT_NOT_ALLOWED, "S3 endpoint " + shown + " is not allowed: "
					+ "write an IP address as four decimal numbers without leading zeros, such as 10.0.0.5", null);
		}
		InetAddress[] addresses;
		try {
			addresses = InetAddress.getAllByName(name);
		}
		catch (UnknownHostException ex) {
			throw new S3AccessException(Reason.ENDPOINT_UNREACHABLE, "S3 endpoint " + shown + ": cannot connect", ex);
		}
		for (InetAddress address : addresses) {
			InetAddress effective = embeddedIpv4(address);
			if (allowedByBlock(effective) || allowedByBlock(address)) {
				continue;
			}
			String kind = refusedKind(effective, port);
			if (kind != null) {
				throw new S3AccessException(Reason.ENDPOINT_NOT_ALLOWED, "S3 endpoint " + shown + " is not allowed: "
						+ "its address " + effective.getHostAddress() + " is " + kind + "; to allow it, add the host or "
						+ "address to " + SETTING + " (environment " + ENVIRONMENT + ")", null);
			}
		}
	}

	private boolean allowedByBlock(InetAddress address) {
		return this.blocks.stream().anyMatch((block) -> block.contains(address));
	}

	private @Nullable String refusedKind(InetAddress address, int port) {
		if (address.isLoopbackAddress()) {
			return "a loopback address";
		}
		if (address.isLinkLocalAddress() || Arrays.equals(address.getAddress(), AWS_METADATA_V6)) {
			return "link-local (cloud metadata service and the like)";
		}
		byte[] bytes = address.getAddress();
		if (address.isAnyLocalAddress() || (address instanceof Inet4Address && bytes[0] == 0)) {
			return "unspecified (this host)";
		}
		if (address.isMulticastAddress() || (address instanceof Inet4Address && (bytes[0] & bytes[1] & bytes[2]
				& bytes[3]) == (byte) 0xff)) {
			return "multicast or broadcast";
		}
		if (this.ownPorts.get().contains(port) && isLocal(address)) {
			return "this Ferry node's own listener";
		}
		return null;
	}

	private static boolean isLocal(InetAddress address) {
		try {
			for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				for (InetAddress local : Collections.list(nic.getInetAddresses())) {
					if (Arrays.equals(local.getAddress(), address.getAddress())) {
						return true;
					}
				}
			}
			return false;
		}
		catch (SocketException ex) {
			return true; // cannot tell: refuse rather than risk calling ourselves
		}
	}

	/** The IPv4 address carried by an IPv4-mapped, IPv4-compatible or NAT64 IPv6 address; else the address. */
	static InetAddress embeddedIpv4(InetAddress address) {
		if (!(address instanceof Inet6Address)) {
			return address;
		}
		byte[] b = address.getAddress();
		boolean zeros80 = allZero(b, 0, 10);
		boolean mapped = zeros80 && b[10] == (byte) 0xff && b[11] == (byte) 0xff;
		boolean compatible = zeros80 && b[10] == 0 && b[11] == 0 && !allZero(b, 12, 14);
		boolean nat64 = b[0] == 0 && b[1] == 0x64 && b[2] == (byte) 0xff && b[3] == (byte) 0x9b && allZero(b, 4, 12);
		if (!mapped && !compatible && !nat64) {
			return address;
		}
		try {
			return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex); // four bytes are always an IPv4 address
		}
	}

	private static boolean allZero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	private static boolean leadingZero(String name) {
		if (!IPV4.matcher(name).matches()) {
			return false;
		}
		for (String part : name.split("\\.")) {
			if (part.length() > 1 && part.charAt(0) == '0') {
				return true;
			}
		}
		return false;
	}

	static String unbracket(String host) {
		return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
	}

	private static String stripDot(String host) {
		return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
	}

}
