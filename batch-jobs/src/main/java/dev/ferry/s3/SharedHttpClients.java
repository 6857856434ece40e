package dev.ferry.s3;

import java.time.Duration;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.SdkHttpService;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpService;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * The SDK's async HTTP clients, one per distinct timeout/connection setting, kept for the life of the application
 * (their event loop threads are daemon threads). The implementation is the one on the classpath: Netty here
 * (software.amazon.awssdk:netty-nio-client, a runtime dependency, hence the lookup through its service interface).
 * Also makes the short-lived synchronous clients of {@link S3Clients#openProbe} (Apache, found the same way).
 */
final class SharedHttpClients {

	/** How long a request may wait for a free connection: parts queue for them during big transfers. */
	private static final Duration ACQUIRE_TIMEOUT = Duration.ofSeconds(60);

	private static final ConcurrentMap<Key, SdkAsyncHttpClient> CLIENTS = new ConcurrentHashMap<>();

	private SharedHttpClients() {
	}

	static SdkAsyncHttpClient get(S3ClientSettings settings) {
		Key key = new Key(settings.connectTimeout(), settings.readTimeout(), settings.maxConnections());
		return CLIENTS.computeIfAbsent(key, SharedHttpClients::build);
	}

	private static SdkAsyncHttpClient build(Key key) {
		AttributeMap options = AttributeMap.builder()
			.put(SdkHttpConfigurationOption.CONNECTION_TIMEOUT, key.connectTimeout())
			.put(SdkHttpConfigurationOption.READ_TIMEOUT, key.readTimeout())
			.put(SdkHttpConfigurationOption.WRITE_TIMEOUT, key.readTimeout())
			.put(SdkHttpConfigurationOption.MAX_CONNECTIONS, key.maxConnections())
			.put(SdkHttpConfigurationOption.CONNECTION_ACQUIRE_TIMEOUT, ACQUIRE_TIMEOUT)
			.build();
		return httpService().createAsyncHttpClientFactory()
			.buildWithDefaults(options.merge(SdkHttpConfigurationOption.GLOBAL_HTTP_DEFAULTS));
	}

	/**
	 * A new synchronous HTTP client (Apache, the S3 module's default) with {@code settings}' timeouts, for the caller
	 * alone: close it when done.
	 */
	static SdkHttpClient newSyncClient(S3ClientSettings settings) {
		AttributeMap options = AttributeMap.builder()
			.put(SdkHttpConfigurationOption.CONNECTION_TIMEOUT, settings.connectTimeout())
			.put(SdkHttpConfigurationOption.READ_TIMEOUT, settings.readTimeout())
			.put(SdkHttpConfigurationOption.MAX_CONNECTIONS, settings.maxConnections())
			.build();
		return syncHttpService().createHttpClientBuilder()
			.buildWithDefaults(options.merge(SdkHttpConfigurationOption.GLOBAL_HTTP_DEFAULTS));
	}

	private static SdkHttpService syncHttpService() {
		for (SdkHttpService service : ServiceLoader.load(SdkHttpService.class,
				SharedHttpClients.class.getClassLoader())) {
			return service;
		}
		throw new IllegalStateException("no synchronous HTTP client for the AWS SDK on the classpath "
				+ "(software.amazon.awssdk:apache5-client)");
	}

	private static SdkAsyncHttpService httpService() {
		@Nullable SdkAsyncHttpService first = null;
		for (SdkAsyncHttpService service : ServiceLoader.load(SdkAsyncHttpService.class,
				SharedHttpClients.class.getClassLoader())) {
			if (service.getClass().getName().contains("Netty")) {
				return service;
			}
			if (first == null) {
				first = service;
			}
		}
		if (first == null) {
			throw new IllegalStateException("no async HTTP client for the AWS SDK on the classpath "
					+ "(software.amazon.awssdk:netty-nio-client or aws-crt-client)");
		}
		return first;
	}

	private record Key(Duration connectTimeout, Duration readTimeout, int maxConnections) {
	}

}
