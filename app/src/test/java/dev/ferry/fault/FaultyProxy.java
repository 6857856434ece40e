package dev.ferry.fault;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A fault-injecting HTTP proxy in front of a real server (here S3Mock): raw sockets, one request per connection
 * (it asks the server to close after each answer, so that every request passes through {@link #failWhen}). A request
 * the fault predicate picks gets {@code 500 InternalError} with a {@code <Message>} of {@link #REMOTE_TEXT} that Ferry
 * must not echo; every other request is forwarded byte for byte.
 */
final class FaultyProxy implements AutoCloseable {

	/** The text of the injected error's {@code <Message>}: a remote server's words, never to be shown by Ferry. */
	static final String REMOTE_TEXT = "remote-text-from-the-faulty-proxy";

	private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

	private final ServerSocket server;

	private final InetSocketAddress upstream;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "faulty-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicInteger failed = new AtomicInteger();

	private final AtomicInteger forwarded = new AtomicInteger();

	private volatile Predicate<String> fault = (requestLine) -> false;

	FaultyProxy(URI upstream, int port) throws IOException {
		this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
		this.server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
		this.threads.execute(this::acceptLoop);
	}

	String endpoint() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	/** From now on, requests whose request line ({@code PUT /bucket/key HTTP/1.1}) matches get a 500. */
	void failWhen(Predicate<String> fault) {
		this.fault = fault;
	}

	/** The next {@code count} requests get a 500, then everything passes again. */
	void failNext(int count) {
		AtomicInteger left = new AtomicInteger(count);
		failWhen((requestLine) -> left.getAndDecrement() > 0);
	}

	/** Lets everything pass and starts counting afresh. */
	void passAll() {
		failWhen((requestLine) -> false);
		this.failed.set(0);
		this.forwarded.set(0);
	}

	/** Requests answered with an injected 500 so far. */
	int failed() {
		return this.failed.get();
	}

	int forwarded() {
		return this.forwarded.get();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		for (Socket socket : this.open) {
			socket.close();
		}
		this.threads.shutdownNow();
	}

	private void acceptLoop() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				this.open.add(client);
				this.threads.execute(() -> serve(client));
			}
			catch (IOException ex) {
				return; // closed
			}
		}
	}

	private void serve(Socket client) {
		try (client) {
			InputStream in = client.getInputStream();
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			if (!readHead(in, head)) {
				return;
			}
			String text = head.toString(StandardCharsets.ISO_8859_1);
			String requestLine = text.substring(0, text.indexOf("\r\n"));
			if (this.fault.test(requestLine)) {
				this.failed.incrementAndGet();
				answer500(client);
				return;
			}
			this.forwarded.incrementAndGet();
			forward(client, in, closeAfterAnswer(text));
		}
		catch (IOException ex) {
			// the client or the server went away: nothing to do
		}
		finally {
			this.open.remove(client);
		}
	}

	private void forward(Socket client, InputStream in, String head) throws IOException {
		try (Socket server = new Socket()) {
			this.open.add(server);
			server.connect(this.upstream, 5000);
			OutputStream toServer = server.getOutputStream();
			toServer.write(head.getBytes(StandardCharsets.ISO_8859_1));
			toServer.flush();
			this.threads.execute(() -> {
				try {
					in.transferTo(toServer); // the body, as the client sends it
				}
				catch (IOException ex) {
					// one side closed
				}
			});
			server.getInputStream().transferTo(client.getOutputStream());
		}
		finally {
			this.open.removeIf(Socket::isClosed);
		}
	}

	private static void answer500(Socket client) throws IOException {
		byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>InternalError</Code><Message>"
				+ REMOTE_TEXT + "</Message><RequestId>fault</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
		OutputStream out = client.getOutputStream();
		out.write(("HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/xml\r\nContent-Length: "
				+ body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
		out.write(body);
		out.flush();
		client.shutdownOutput();
		client.setSoTimeout(2000);
		try {
			client.getInputStream().transferTo(OutputStream.nullOutputStream()); // let the client finish sending
		}
		catch (IOException ex) {
			// timed out or reset: the connection ends either way
		}
	}

	/** The head with {@code Connection: close}, so that the next request comes on a new connection. */
	private static String closeAfterAnswer(String head) {
		String withoutConnection = head.replaceAll("(?im)^connection:[^\r\n]*\r\n", "");
		return withoutConnection.substring(0, withoutConnection.length() - 2) + "Connection: close\r\n\r\n";
	}

	/** Reads up to and including the blank line after the headers; false if the client closed first. */
	private static boolean readHead(InputStream in, ByteArrayOutputStream head) throws IOException {
		int matched = 0;
		while (matched < HEAD_END.length) {
			int b = in.read();
			if (b < 0) {
				return false;
			}
			head.write(b);
			matched = (b == HEAD_END[matched]) ? matched + 1 : ((b == HEAD_END[0]) ? 1 : 0);
		}
		return true;
	}

}
