package dev.ferry.s3;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ferry.s3.S3AccessException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The address policy for S3 endpoints: what is refused by default, in every spelling, and what the setting allows. */
class S3EndpointPolicyTests {

	static final S3EndpointPolicy DEFAULTS = new S3EndpointPolicy(List.of(), () -> Set.of(8080));

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:9000", "http://127.0.0.1:3306", "http://127.0.0.1:1", "http://127.9.9.9",
			"http://localhost:9000", "http://LOCALHOST.:9000", "https://[::1]", "http://[::ffff:127.0.0.1]:9000",
			"http://[::ffff:7f00:1]", "http://[::127.0.0.1]", "http://[64:ff9b::7f00:1]", "http://169.254.169.254",
			"http://169.254.169.254:80", "http://[::ffff:169.254.169.254]", "http://[fe80::1]", "http://[fd00:ec2::254]",
			"http://0.0.0.0:9000", "http://[::]:9000", "http://224.0.0.1", "http://255.255.255.255" })
	void refusesLoopbackLinkLocalUnspecifiedAndMulticastByDefault(String endpoint) {
		S3AccessException refused = refusal(DEFAULTS, endpoint);

		assertThat(refused.reason()).isEqualTo(Reason.ENDPOINT_NOT_ALLOWED);
		assertThat(refused).hasMessageStartingWith("S3 endpoint " + endpoint + " is not allowed: its address ")
			.hasMessageEndingWith("; to allow it, add the host or address to ferry.s3.allowed-endpoints "
					+ "(environment FERRY_S3_ALLOWED_ENDPOINTS)");
	}

	@Test
	void namesTheKindOfAddress() {
		assertThat(refusal(DEFAULTS, "http://[::ffff:127.0.0.1]:9000"))
			.hasMessageContaining("its address 127.0.0.1 is a loopback address");
		assertThat(refusal(DEFAULTS, "http://169.254.169.254")).hasMessageContaining("is link-local");
		assertThat(refusal(DEFAULTS, "http://0.0.0.0")).hasMessageContaining("is unspecified");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2130706433", "0x7f000001", "0x7f.0.0.1", "127.1", "0177.0.0.1", "017.0.0.1", "0" })
	void refusesIpAddressesInOtherForms(String host) {
		S3AccessException refused = catchThrowableOfType(S3AccessException.class,
				() -> DEFAULTS.check("http://" + host, host, 80));

		assertThat(refused).as(host).isNotNull();
		assertThat(refused.reason()).isEqualTo(Reason.ENDPOINT_NOT_ALLOWED);
		assertThat(refused).hasMessage("S3 endpoint http://" + host + " is not allowed: write an IP address as four "
				+ "decimal numbers without leading zeros, such as 10.0.0.5");
	}

	@Test
	void refusesTheDecimalFormThroughTheUrl() {
		assertThat(refusal(DEFAULTS, "http://2130706433/").reason()).isEqualTo(Reason.ENDPOINT_NOT_ALLOWED);
	}

	@Test
	void allowsOtherAddresses() {
		assertThatCode(() -> DEFAULTS.check(URI.create("http://10.1.2.3:9000"))).doesNotThrowAnyException();
		assertThatCode(() -> DEFAULTS.check(URI.create("http://192.168.0.10:8080"))).doesNotThrowAnyException();
		assertThatCode(() -> DEFAULTS.check(URI.create("https://[2001:db8::1]"))).doesNotThrowAnyException();
		assertThatCode(() -> DEFAULTS.check(URI.create("http://[::ffff:10.1.2.3]"))).doesNotThrowAnyException();
	}

	@Test
	void anUnresolvableHostCannotConnectLikeAClosedPortSaysNothingMore() {
		S3AccessException failure = refusal(DEFAULTS, "http://ferry-no-such-host.invalid:9000");

		assertThat(failure.reason()).isEqualTo(Reason.ENDPOINT_UNREACHABLE);
		assertThat(failure).hasMessage("S3 endpoint http://ferry-no-such-host.invalid:9000: cannot connect");
	}

	@Test
	void theSettingAllowsHostsAddressesAndCidrBlocks() {
		var byAddress = new S3EndpointPolicy(List.of("127.0.0.1"), Set::of);
		assertThatCode(() -> byAddress.check(URI.create("http://127.0.0.1:9000"))).doesNotThrowAnyException();
		assertThatCode(() -> byAddress.check(URI.create("http://[::ffff:127.0.0.1]:9000"))).doesNotThrowAnyException();
		assertThat(refusal(byAddress, "http://127.0.0.2:9000").reason()).isEqualTo(Reason.ENDPOINT_NOT_ALLOWED);
		assertThat(refusal(byAddress, "http://169.254.169.254").reason()).isEqualTo(Reason.ENDPOINT_NOT_ALLOWED);

		var byBlock = new S3EndpointPolicy(List.of(" 127.0.0.0/30 ", "fe80::/16", ""), Set::of);
		assertThatCode(() -> byBlock.check(URI.create("http://127.0.0.3"))).doesNotThrowAnyException();
		assertThat(refusal(byBlock, "http://127.0.0.4").reason()).isEqualTo(Reason.ENDPOINT_NOT_ALLOWED);
		assertThatCode(() -> byBlock.check(URI.create("http://[fe80::1]"))).doesNotThrowAnyException();
		assertThat(refusal(byBlock, "http://[fe81::1]").reason()).isEqualTo(Reason.ENDPOINT_NOT_ALLOWED);
		assertThat(refusal(byBlock, "http://[::1]").reason()).isEqualTo(Reason.ENDPOINT_NOT_ALLOWED);

		var byName = new S3EndpointPolicy(List.of("LocalHost"), Set::of);
		assertThatCode(() -> byName.check(URI.create("http://localhost:9000"))).doesNotThrowAnyException();
		assertThat(refusal(byName, "http://127.0.0.1:9000").reason()).isEqualTo(Reason.ENDPOINT_NOT_ALLOWED);

		var everything = new S3EndpointPolicy(List.of("0.0.0.0/0", "::/0"), Set::of);
		assertThatCode(() -> everything.check(URI.create("http://[::1]"))).doesNotThrowAnyException();
	}

	@Test
	void refusesFerrysOwnPortOnEveryLocalAddress() throws Exception {
		InetAddress local = null;
		for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			for (InetAddress address : Collections.list(nic.getInetAddresses())) {
				if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
					local = address;
				}
			}
		}
		assertThat(local).as("this host has no non-loopback IPv4 address (every machine of this kind has one)")
			.isNotNull();
		String endpoint = "http://" + local.getHostAddress();

		assertThat(refusal(DEFAULTS, endpoint + ":8080")).hasMessageContaining("is this Ferry node's own listener");
		assertThatCode(() -> DEFAULTS.check(URI.create(endpoint + ":9000"))).doesNotThrowAnyException();
		var allowed = new S3EndpointPolicy(List.of(local.getHostAddress() + "/32"), () -> Set.of(8080));
		assertThatCode(() -> allowed.check(URI.create(endpoint + ":8080"))).doesNotThrowAnyException();
	}

	@Test
	void refusesEntriesThatAreNoHostAddressOrBlock() {
		for (String entry : new String[] { "10.0.0.0/33", "10.0.0.0/x", "::1/129", "minio/8", "http://minio:9000",
				"minio_1", "10.0.0.999" }) {
			assertThatIllegalArgumentException().as(entry)
				.isThrownBy(() -> new S3EndpointPolicy(List.of(entry), Set::of))
				.withMessageStartingWith("ferry.s3.allowed-endpoints: '" + entry + "'");
		}
	}

	private static S3AccessException refusal(S3EndpointPolicy policy, String endpoint) {
		S3AccessException failure = catchThrowableOfType(S3AccessException.class,
				() -> policy.check(URI.create(endpoint)));
		assertThat(failure).as(endpoint + " should be refused").isNotNull();
		return failure;
	}

}
