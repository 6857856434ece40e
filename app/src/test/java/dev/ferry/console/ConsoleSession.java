package dev.ferry.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like console session: cookies, CSRF token from the page, form posts, no redirects followed. */
final class ConsoleSession {

	private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	ConsoleSession(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** Form login; the answer is the redirect ({@code /} on success, {@code /login?error} on failure). */
	HttpResponse<String> login(String username, String password) {
		String token = match(FORM_CSRF, get("/login").body());
		return send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(form(Map.of("username", username, "password", password, "_csrf", token))));
	}

	HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	/** A form post with the CSRF token of {@code page}, as htmx sends it when {@code htmx} is set. */
	HttpResponse<String> post(String page, String path, Map<String, String> fields, boolean htmx) {
		String token = match(CSRF, get(page).body());
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-CSRF-TOKEN", token)
			.POST(form(fields));
		if (htmx) {
			request.header("HX-Request", "true");
		}
		return send(request);
	}

	static String match(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		if (!matcher.find()) {
			throw new AssertionError("no " + pattern + " in: " + text);
		}
		return matcher.group(1);
	}

	private URI uri(String path) {
		return URI.create(this.baseUrl + path);
	}

	private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
		return HttpRequest.BodyPublishers.ofString(new LinkedHashMap<>(fields).entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&")));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
