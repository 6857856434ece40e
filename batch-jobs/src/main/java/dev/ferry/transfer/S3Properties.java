package dev.ferry.transfer;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * S3 settings ({@code ferry.s3.*}).
 *
 * @param allowedEndpoints endpoints allowed although their address is refused by default (loopback, link-local,
 * unspecified, Ferry's own listeners): host names, IP addresses or CIDR blocks, see
 * {@link dev.ferry.s3.S3EndpointPolicy}
 */
@ConfigurationProperties("ferry.s3")
record S3Properties(@Nullable List<String> allowedEndpoints) {

	S3Properties {
		allowedEndpoints = (allowedEndpoints == null) ? List.of() : List.copyOf(allowedEndpoints);
	}

}
