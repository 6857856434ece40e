package dev.ferry.s3;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3BaseClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.transfer.s3.S3TransferManager;

/**
 * The SDK clients for one endpoint and key pair, built per request (endpoints and keys come with each export or
 * import, so Spring Cloud AWS's application-wide client is not used). Close it when the transfer is done.
 * <p>
 * The client is the SDK's Java {@link S3AsyncClient} on its Netty HTTP client (no CRT on this classpath) with
 * path-style addressing ({@code http://host/bucket/key}, what MinIO, Ceph and S3Mock expect), the endpoint override,
 * static credentials (never the default provider chain), the SDK's Java multipart support for big uploads, and
 * checksums only where S3 requires them (stores that do not know the newer CRC headers keep working).
 * <p>
 * The HTTP client underneath (connection pools, event loop threads) is shared by all {@code S3Clients} with the same
 * timeouts and connection limit and lives as long as the application: building and closing one per request would
 * cost threads and about 2 s per close (Netty's graceful event loop shutdown). Its pools are per endpoint, so
 * {@link S3ClientSettings#maxConnections()} limits all transfers to one endpoint together.
 * <p>
 * Once {@link #enforce} has been called (the application does at startup), every {@code S3Clients} checks its
 * endpoint against that {@link S3EndpointPolicy} when it is opened, before any connection, and again before each
 * request it sends, retries and multipart parts included. Like the shared HTTP clients this is process-wide: S3
 * clients are opened in many places (the access check, uploads, downloads, deletes), also inside jobs.
 */
public final class S3Clients implements AutoCloseable {

	private static volatile @Nullable S3EndpointPolicy enforced;

	private final S3AsyncClient s3;

	private final S3TransferManager transfers;

	private final S3ClientSettings settings;

	private S3Clients(S3AsyncClient s3, S3TransferManager transfers, S3ClientSettings settings) {
		this.s3 = s3;
		this.transfers = transfers;
		this.settings = settings;
	}

	/** Clients for {@code location}'s endpoint with {@link S3ClientSettings#defaults()}. */
	public static S3Clients open(S3Location location, S3Credentials credentials) {
		return open(location.endpoint(), credentials, S3ClientSettings.defaults());
	}

	/** Clients for {@code location}'s endpoint. */
	public static S3Clients open(S3Location location, S3Credentials credentials, S3ClientSettings settings) {
		return open(location.endpoint(), credentials, settings);
	}

	/** Clients for an endpoint such as {@code http://127.0.0.1:9000}. */
	public static S3Clients open(URI endpoint, S3Credentials credentials, S3ClientSettings settings) {
		S3EndpointPolicy policy = checkEndpoint(endpoint);
		// Each file's parts share the connections with the other files being transferred.
		int partsPerFile = Math.max(1, settings.maxConnections() / settings.maxConcurrentTransfers());
		S3AsyncClientBuilder builder = S3AsyncClient.builder()
			.httpClient(SharedHttpClients.get(settings))
			.multipartEnabled(true)
			.multipartConfiguration((multipart) -> multipart.thresholdInBytes(settings.multipartThreshold())
				.minimumPartSizeInBytes(settings.partSize())
				.parallelConfiguration((parallel) -> parallel.maxInFlightParts(partsPerFile)));
		S3AsyncClient s3 = configure(builder, endpoint, credentials, settings, policy).build();
		try {
			return new S3Clients(s3, S3TransferManager.builder().s3Client(s3).build(), settings);
		}
		catch (RuntimeException ex) {
			s3.close();
			throw ex;
		}
	}

	/**
	 * A synchronous client of its own for a few quick requests to an endpoint that may not work at all (the access
	 * check of {@link S3Probe}); close it right after. It does not use the shared Netty client: the SDK's Netty
	 * connection pool can lose the answer of a connection that is refused at once (a closed port on this host), and
	 * the request then waits for the pool's 60 s acquire timeout (see {@code S3ProbeRefusedConnectionTests}).
	 */
	static ProbeClient openProbe(URI endpoint, S3Credentials credentials, S3ClientSettings settings) {
		S3EndpointPolicy policy = checkEndpoint(endpoint);
		SdkHttpClient http = SharedHttpClients.newSyncClient(settings);
		try {
			S3Client s3 = configure(S3Client.builder().httpClient(http), endpoint, credentials, settings, policy)
				.build();
			return new ProbeClient(s3, http);
		}
		catch (RuntimeException ex) {
			http.close();
			throw ex;
		}
	}

	private static @Nullable S3EndpointPolicy checkEndpoint(URI endpoint) {
		Objects.requireNonNull(endpoint, "endpoint");
		S3EndpointPolicy policy = enforced;
		if (policy != null) {
			policy.check(endpoint); // before anything connects
		}
		return policy;
	}

	/**
	 * What every client of Ferry has: path-style addressing, the endpoint override, static credentials (never the
	 * default provider chain), checksums only where S3 requires them, the attempts, and the endpoint guard.
	 */
	private static <B extends S3BaseClientBuilder<B, ?>> B configure(B builder, URI endpoint,
			S3Credentials credentials, S3ClientSettings settings, @Nullable S3EndpointPolicy policy) {
		return builder.endpointOverride(endpoint)
			.region(Region.of(settings.region()))
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(credentials.accessKey(), credentials.secretKey())))
			.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
			.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
			.overrideConfiguration((config) -> {
				config.retryStrategy((retry) -> retry.maxAttempts(settings.maxAttempts()));
				if (policy != null) {
					config.addExecutionInterceptor(new EndpointGuard(policy));
				}
			});
	}

	/**
	 * Checks the endpoint of every {@code S3Clients} opened from now on, and of each of its requests, against
	 * {@code policy} (see the class comment).
	 */
	public static void enforce(S3EndpointPolicy policy) {
		enforced = Objects.requireNonNull(policy, "policy");
	}

	/** Checks no endpoint any more (tests of this package that enforce a policy restore the default with it). */
	static void enforceNothing() {
		enforced = null;
	}

	/** The S3 client (multipart-enabled). */
	public S3AsyncClient s3() {
		return this.s3;
	}

	/** Every object under {@code location}'s key prefix, all pages of the listing. */
	public List<S3Object> list(S3Location location) {
		List<S3Object> objects = new ArrayList<>();
		this.s3.listObjectsV2Paginator(ListObjectsV2Request.builder()
			.bucket(location.bucket())
			.prefix(location.keyPrefix())
			.build()).contents().subscribe(objects::add).join();
		return objects;
	}

	/** A transfer manager on {@link #s3()}. */
	public S3TransferManager transfers() {
		return this.transfers;
	}

	public S3ClientSettings settings() {
		return this.settings;
	}

	/** Closes the transfer manager and the client (the shared HTTP connection pools stay). */
	@Override
	public void close() {
		try {
			this.transfers.close();
		}
		finally {
			this.s3.close();
		}
	}

	/** A synchronous S3 client and the HTTP client under it, closed together. */
	record ProbeClient(S3Client s3, SdkHttpClient http) implements AutoCloseable {

		@Override
		public void close() {
			try {
				this.s3.close();
			}
			finally {
				this.http.close();
			}
		}

	}

	/** Checks each request's host and port just before it is sent (on every attempt). */
	private record EndpointGuard(S3EndpointPolicy policy) implements ExecutionInterceptor {

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
			SdkHttpRequest request = context.httpRequest();
			this.policy.check(request.protocol() + "://" + request.host() + ":" + request.port(), request.host(),
					request.port());
		}

	}

}
