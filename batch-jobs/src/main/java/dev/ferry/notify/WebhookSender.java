package dev.ferry.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * POSTs a notification's JSON to a webhook, signed ({@link WebhookSignature}). Redirects are not followed (a
 * receiver cannot send Ferry's call elsewhere); any status but 2xx is a failed attempt.
 */
@Component
class WebhookSender {

	private final HttpClient client;

	private final NotificationProperties properties;

	WebhookSender(NotificationProperties properties) {
		this.properties = properties;
		this.client = HttpClient.newBuilder()
			.connectTimeout(properties.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	void send(long deliveryId, String event, String url, String secret, String body) {
		long timestamp = Instant.now().getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(URI.create(url))
			.timeout(this.properties.timeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "Ferry")
			.header("X-Ferry-Event", event)
			.header("X-Ferry-Delivery", Long.toString(deliveryId))
			.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
			.header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, body))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<Void> response;
		try {
			response = this.client.send(request, HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			throw new IllegalStateException("webhook call failed: " + ex.getClass().getSimpleName()
					+ (ex.getMessage() == null ? "" : ": " + ex.getMessage()), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while calling the webhook", ex);
		}
		if (response.statusCode() / 100 != 2) {
			throw new IllegalStateException("webhook answered HTTP " + response.statusCode());
		}
	}

}
