package dev.ferry.transfer;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import dev.ferry.s3.S3Clients;
import dev.ferry.s3.S3EndpointPolicy;

/**
 * The S3 endpoint policy from {@code ferry.s3.allowed-endpoints}, enforced on every S3 client Ferry opens (the
 * access check of a request, and every upload, download and delete of its jobs). Ferry's own ports are read at each
 * check: with {@code server.port=0} the port is known only once the server has started.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(S3Properties.class)
class S3EndpointConfiguration {

	private static final String[] PORT_PROPERTIES = { "local.server.port", "server.port", "local.management.port",
			"management.server.port" };

	/**
	 * The environments of every Ferry application of this JVM: the policy is enforced process-wide (like the shared
	 * S3 clients), so it refuses the ports of all of them. One in production; tests start several.
	 */
	private static final Set<Environment> APPLICATIONS = ConcurrentHashMap.newKeySet();

	@Bean
	S3EndpointPolicy s3EndpointPolicy(S3Properties properties, Environment environment) {
		APPLICATIONS.add(environment);
		S3EndpointPolicy policy = new S3EndpointPolicy(properties.allowedEndpoints(),
				S3EndpointConfiguration::ownPorts);
		S3Clients.enforce(policy);
		return policy;
	}

	private static Set<Integer> ownPorts() {
		Set<Integer> ports = new HashSet<>();
		for (Environment environment : APPLICATIONS) {
			ports.addAll(ownPorts(environment));
		}
		return ports;
	}

	private static Set<Integer> ownPorts(Environment environment) {
		Set<Integer> ports = new HashSet<>();
		for (String property : PORT_PROPERTIES) {
			Integer port = environment.getProperty(property, Integer.class);
			if (port != null && port > 0) {
				ports.add(port);
			}
		}
		if (environment.getProperty("server.port") == null) {
			ports.add(8080);
		}
		return ports;
	}

}
