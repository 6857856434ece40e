package dev.ferry.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a MariaDB server that forwards every connection byte for byte, but stops forwarding the
 * server's answer on a connection once it has passed {@code stallAfter} bytes: a client reading a large result set
 * then waits in the middle of it for ever. The server's close of such a connection still reaches the client.
 */
final class PausingProxy implements AutoCloseable {

	private final ServerSocket server;

	private final InetSocketAddress upstream;

	private final long stallAfter;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "pausing-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final AtomicInteger stalled = new AtomicInteger();

	PausingProxy(int upstreamPort, long stallAfter) throws IOException {
		this.upstream = new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort);
		this.stallAfter = stallAfter;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.threads.execute(this::acceptLoop);
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** Connections whose answers are held back now. */
	int stalled() {
		return this.stalled.get();
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
				Socket server = new Socket();
				server.connect(this.upstream, 5000);
				this.open.add(client);
				this.open.add(server);
				InputStream fromClient = client.getInputStream();
				InputStream fromServer = server.getInputStream();
				this.threads.execute(() -> pump(fromClient, server, Long.MAX_VALUE, client));
				this.threads.execute(() -> pump(fromServer, client, this.stallAfter, server));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	private void pump(InputStream from, Socket to, long limit, Socket other) {
		byte[] buffer = new byte[16 * 1024];
		long passed = 0;
		try {
			OutputStream out = to.getOutputStream();
			boolean stalling = false;
			for (int n = from.read(buffer); n > 0; n = from.read(buffer)) {
				if (!stalling) {
					out.write(buffer, 0, n);
					passed += n;
					if (passed > limit) {
						stalling = true; // from now on the answer is read and dropped: the client waits for it
						this.stalled.incrementAndGet();
					}
				}
			}
		}
		catch (IOException ex) {
			// one side closed
		}
		finally {
			closeQuietly(to);
			closeQuietly(other);
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// gone
		}
	}

}
