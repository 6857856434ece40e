package dev.ferry.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * A multipart/form-data body built by hand, as a browser would send it, its file part streamed from disk (never read
 * into memory): {@link #publisher()} with a Content-Length, {@link #chunked()} without one.
 */
final class Multipart {

	static final String BOUNDARY = "----FerryFormBoundary7MA4YWxkTrZu0gW";

	private final List<Supplier<InputStream>> parts = new ArrayList<>();

	private final List<HttpRequest.BodyPublisher> publishers = new ArrayList<>();

	static String contentType() {
		return "multipart/form-data; boundary=" + BOUNDARY;
	}

	Multipart file(String name, String fileName, Path file) {
		byte[] head = head(name, "; filename=\"" + fileName + "\"\r\nContent-Type: application/zip");
		this.parts.add(() -> new SequenceInputStream(new ByteArrayInputStream(head), open(file)));
		this.parts.add(() -> new ByteArrayInputStream(bytes("\r\n")));
		try {
			this.publishers.add(HttpRequest.BodyPublishers.ofByteArray(head));
			this.publishers.add(HttpRequest.BodyPublishers.ofFile(file));
			this.publishers.add(HttpRequest.BodyPublishers.ofByteArray(bytes("\r\n")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return this;
	}

	Multipart field(String name, String value) {
		byte[] part = bytes(new String(head(name, ""), StandardCharsets.UTF_8) + value + "\r\n");
		this.parts.add(() -> new ByteArrayInputStream(part));
		this.publishers.add(HttpRequest.BodyPublishers.ofByteArray(part));
		return this;
	}

	/** With a Content-Length. */
	HttpRequest.BodyPublisher publisher() {
		List<HttpRequest.BodyPublisher> all = new ArrayList<>(this.publishers);
		all.add(HttpRequest.BodyPublishers.ofByteArray(bytes("--" + BOUNDARY + "--\r\n")));
		return HttpRequest.BodyPublishers.concat(all.toArray(HttpRequest.BodyPublisher[]::new));
	}

	/** Chunked: no Content-Length, so the server learns the size only by reading. */
	HttpRequest.BodyPublisher chunked() {
		return HttpRequest.BodyPublishers.ofInputStream(this::stream);
	}

	InputStream stream() {
		List<InputStream> streams = new ArrayList<>();
		this.parts.forEach((part) -> streams.add(part.get()));
		streams.add(new ByteArrayInputStream(bytes("--" + BOUNDARY + "--\r\n")));
		return new SequenceInputStream(Collections.enumeration(streams));
	}

	static byte[] head(String name, String extra) {
		return bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"" + extra + "\r\n\r\n");
	}

	private static InputStream open(Path file) {
		try {
			return Files.newInputStream(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
