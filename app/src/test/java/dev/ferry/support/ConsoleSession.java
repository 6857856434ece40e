package dev.ferry.support;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The console as a browser without JavaScript uses it: a session cookie from the login form, and the CSRF token of
 * the last page read sent with every form post. Redirects are not followed, so tests see them.
 */
public final class ConsoleSession {

	private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String baseUrl;

	private String csrf = "";

	private ConsoleSession(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	/** Logs in through the login form; fails unless Ferry redirects away from the login page. */
	public static ConsoleSession logIn(String baseUrl, String user, String password) {
		ConsoleSession session = new ConsoleSession(baseUrl);
		session.get("/login");
		HttpResponse<String> login = session.post("/login", Map.of("username", user, "password", password));
		String location = login.headers().firstValue("Location").orElse("");
		if (login.statusCode() != 302 || location.contains("/login")) {
			throw new AssertionError("login failed: " + login.statusCode() + " → " + location);
		}
		return session;
	}

	/** GETs a page and keeps its CSRF token for the next post. */
	public HttpResponse<String> get(String path) {
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.baseUrl + path)).GET());
		Matcher token = CSRF.matcher(response.body());
		if (token.find()) {
			this.csrf = token.group(1);
		}
		return response;
	}

	/** POSTs a form (with the CSRF token of the last page read); repeated names come as a list of pairs. */
	public HttpResponse<String> post(String path, Map<String, String> fields) {
		return post(path, fields.entrySet().stream().map((e) -> List.of(e.getKey(), e.getValue())).toList(), true);
	}

	public HttpResponse<String> post(String path, List<List<String>> fields, boolean withCsrf) {
		String body = fields.stream()
			.map((pair) -> encode(pair.get(0)) + "=" + encode(pair.get(1)))
			.collect(Collectors.joining("&"));
		if (withCsrf) {
			body = body + (body.isEmpty() ? "" : "&") + "_csrf=" + encode(this.csrf);
		}
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
