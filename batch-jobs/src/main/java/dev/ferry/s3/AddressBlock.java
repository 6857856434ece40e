package dev.ferry.s3;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/** An IP address or CIDR block of {@value S3EndpointPolicy#SETTING}, such as {@code 10.0.0.0/8} or {@code fd00::/8}. */
record AddressBlock(byte[] network, int prefixLength) {

	/** The block an entry names, or null when it is not an IP address or CIDR block (a host name). */
	static @Nullable AddressBlock parse(String entry) {
		int slash = entry.indexOf('/');
		String ip = S3EndpointPolicy.unbracket(slash < 0 ? entry : entry.substring(0, slash));
		boolean v4 = S3EndpointPolicy.IPV4.matcher(ip).matches();
		if (!v4 && !ip.contains(":")) {
			if (slash >= 0) {
				throw new IllegalArgumentException(
						S3EndpointPolicy.SETTING + ": '" + entry + "' is not a CIDR block");
			}
			return null;
		}
		if (v4 && Arrays.stream(ip.split("\\.")).anyMatch((part) -> Integer.parseInt(part) > 255)) {
			throw new IllegalArgumentException(
					S3EndpointPolicy.SETTING + ": '" + entry + "' is not a valid IP address");
		}
		byte[] network;
		try {
			// a literal (checked above: dotted quad or containing ':'), so no name is looked up
			network = InetAddress.getByName(ip).getAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(
					S3EndpointPolicy.SETTING + ": '" + entry + "' is not a valid IP address");
		}
		if (v4 && network.length != 4) {
			throw new IllegalArgumentException(
					S3EndpointPolicy.SETTING + ": '" + entry + "' is not a valid IP address");
		}
		int bits = network.length * 8;
		int prefix = bits;
		if (slash >= 0) {
			try {
				prefix = Integer.parseInt(entry.substring(slash + 1));
			}
			catch (NumberFormatException ex) {
				prefix = -1;
			}
			if (prefix < 0 || prefix > bits) {
				throw new IllegalArgumentException(
						S3EndpointPolicy.SETTING + ": '" + entry + "' has a prefix length outside 0-" + bits);
			}
		}
		return new AddressBlock(network, prefix);
	}

	boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (candidate.length != this.network.length) {
			return false;
		}
		int full = this.prefixLength / 8;
		for (int i = 0; i < full; i++) {
			if (candidate[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefixLength % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xff << (8 - rest)) & 0xff;
		return (candidate[full] & mask) == (this.network[full] & mask);
	}

}
