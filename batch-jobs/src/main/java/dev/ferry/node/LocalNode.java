package dev.ferry.node;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.HexFormat;

import org.springframework.stereotype.Component;

import dev.ferry.config.FerryProperties;

/** Who this node is: its id, host, pid and data directory, and when this JVM started. */
@Component
public class LocalNode {

	private final String id;

	private final String host;

	private final String dataDir;

	private final LocalDateTime startedAt = LocalDateTime.now();

	LocalNode(NodeProperties node, FerryProperties ferry) {
		this.host = hostName();
		this.dataDir = ferry.home().toAbsolutePath().normalize().toString();
		String configured = node.id();
		this.id = (configured != null && !configured.isBlank()) ? configured.strip()
				: defaultId(this.host, this.dataDir);
		if (this.id.length() > 128) {
			throw new IllegalArgumentException("ferry.node.id is longer than 128 characters: " + this.id);
		}
	}

	public String id() {
		return this.id;
	}

	String host() {
		return this.host;
	}

	String dataDir() {
		return this.dataDir;
	}

	long pid() {
		return ProcessHandle.current().pid();
	}

	LocalDateTime startedAt() {
		return this.startedAt;
	}

	/** Same host and data directory → same id, so a node restarted after a crash finds its own executions. */
	static String defaultId(String host, String dataDir) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(dataDir.getBytes(StandardCharsets.UTF_8));
			String shortHost = host.length() > 100 ? host.substring(0, 100) : host;
			return shortHost + "-" + HexFormat.of().formatHex(hash, 0, 4);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hostName() {
		String env = System.getenv("HOSTNAME");
		if (env != null && !env.isBlank()) {
			return env.strip();
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			return "localhost";
		}
	}

	@Override
	public String toString() {
		return this.id + " (" + this.host + ", pid " + pid() + ", " + this.dataDir + ")";
	}

}
