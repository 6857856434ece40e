package dev.ferry.transfer;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.ferry.s3.S3EndpointPolicy;

/**
 * S3 settings ({@code ferry.s3.*}).
 *
 * @param allowedEndpoints endpoints allowed although their address is refused by default (loopback, link-local,
 * unspecified, Ferry's own listeners): host names, IP addresses or CIDR blocks, see
 * {@link S3EndpointPolicy}
 */
@ConfigurationProperties("ferry.s3")
record S3Properties(@Nullable List<String> allowedEndpoints) {

	/** Checks every entry, so that a wrong one stops the start with a report naming it. */
	S3Properties {
		allowedEndpoints = (allowedEndpoints == null) ? List.of() : List.copyOf(allowedEndpoints);
		new S3EndpointPolicy(allowedEndpoints, Set::of);
	}

}
