package dev.ferry.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like console session over real HTTP: the form login with its CSRF token, a session cookie, forms posted
 * with the page's token, the upload sent with the CSRF header as ferry-forms.js sends it. Redirects are not followed,
 * so that tests see where a POST leads.
 */
final class ConsoleForms {

	private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern META_CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	private final String base;

	private final HttpClient http;

	ConsoleForms(int port) {
		this.base = "http://127.0.0.1:" + port;
		this.http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	ConsoleForms login(String user, String password) throws IOException, InterruptedException {
		String page = get("/login").body();
		Matcher token = HIDDEN_CSRF.matcher(page);
		if (!token.find()) {
			throw new AssertionError("no CSRF field on the login page");
		}
		HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(List.of(Map.entry("username", user),
					Map.entry("password", password), Map.entry("_csrf", token.group(1)))))));
		if (answer.statusCode() != 302 || answer.headers().firstValue("Location").orElse("").contains("error")) {
			throw new AssertionError("login failed: " + answer.statusCode() + " " + answer.headers().map());
		}
		return this;
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).GET());
	}

	/** The CSRF token the page carries in its meta tag (what ferry.js sends). */
	String token(String page) {
		Matcher meta = META_CSRF.matcher(page);
		if (!meta.find()) {
			throw new AssertionError("no CSRF meta tag on the page");
		}
		return meta.group(1);
	}

	/** Loads the form page, then posts the fields with its token, as a browser does. */
	HttpResponse<String> submit(String formPage, String action, List<Map.Entry<String, String>> fields)
			throws IOException, InterruptedException {
		String token = token(get(formPage).body());
		List<Map.Entry<String, String>> all = new java.util.ArrayList<>(fields);
		all.add(Map.entry("_csrf", token));
		return send(HttpRequest.newBuilder(uri(action))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encode(all))));
	}

	/** The import form's upload: multipart clusterId + file, the CSRF token as a header. */
	HttpResponse<String> upload(String csrfToken, String clusterId, Path zip) throws IOException, InterruptedException {
		String boundary = "----ferry-console-" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"clusterId\"\r\n\r\n" + clusterId
				+ "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.zip\"\r\n"
				+ "Content-Type: application/zip\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.write(Files.readAllBytes(zip));
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(uri("/transfers/import/upload"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("X-CSRF-TOKEN", csrfToken)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create(this.base + path);
	}

	private static String encode(List<Map.Entry<String, String>> fields) {
		return fields.stream()
			.map((field) -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
