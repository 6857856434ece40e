package dev.ferry.node;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The nodes sharing this database ({@code FERRY_NODE}) and their heartbeats. Times are the nodes' own clocks: keep
 * them in sync (NTP); {@code ferry.node.dead-after} tolerates a few seconds of skew.
 */
@Service
public class NodeRegistry {

	private final JdbcClient jdbc;

	private final LocalNode node;

	private final java.time.Duration deadAfter;

	NodeRegistry(JdbcClient jdbc, LocalNode node, NodeProperties properties) {
		this.jdbc = jdbc;
		this.node = node;
		this.deadAfter = properties.deadAfter();
	}

	/** A node as its row says: when it last heartbeated, and whether it said goodbye. */
	public record Node(String nodeId, String host, long pid, String dataDir, LocalDateTime startedAt,
			LocalDateTime heartbeatAt, @Nullable LocalDateTime stoppedAt) {
	}

	/** Writes this node's heartbeat (and, on its first beat, its row: host, pid, data dir, start). */
	@Transactional
	public void heartbeat() {
		LocalDateTime now = LocalDateTime.now();
		int updated = this.jdbc.sql("UPDATE FERRY_NODE SET HEARTBEAT_AT = ?, HOST = ?, PID = ?, DATA_DIR = ?,"
				+ " STARTED_AT = ?, STOPPED_AT = NULL WHERE NODE_ID = ?")
			.params(now, this.node.host(), this.node.pid(), this.node.dataDir(), this.node.startedAt(), this.node.id())
			.update();
		if (updated == 0) {
			this.jdbc.sql("INSERT INTO FERRY_NODE (NODE_ID, HOST, PID, DATA_DIR, STARTED_AT, HEARTBEAT_AT)"
					+ " VALUES (?, ?, ?, ?, ?, ?)")
				.params(this.node.id(), this.node.host(), this.node.pid(), this.node.dataDir(), this.node.startedAt(), now)
				.update();
		}
	}

	/** A clean shutdown: other nodes need not wait for the heartbeat to go stale. */
	@Transactional
	void stopped() {
		this.jdbc.sql("UPDATE FERRY_NODE SET STOPPED_AT = ? WHERE NODE_ID = ?")
			.params(LocalDateTime.now(), this.node.id())
			.update();
	}

	/** Last heartbeat of every node. */
	@Transactional(readOnly = true)
	Map<String, LocalDateTime> heartbeats() {
		Map<String, LocalDateTime> beats = new java.util.HashMap<>();
		this.jdbc.sql("SELECT NODE_ID, HEARTBEAT_AT FROM FERRY_NODE")
			.query((rs, n) -> beats.put(rs.getString(1), rs.getTimestamp(2).toLocalDateTime()))
			.list();
		return beats;
	}

	/** Every node that ever heartbeated here, newest heartbeat first. */
	@Transactional(readOnly = true)
	public List<Node> list() {
		return this.jdbc.sql("SELECT NODE_ID, HOST, PID, DATA_DIR, STARTED_AT, HEARTBEAT_AT, STOPPED_AT FROM FERRY_NODE"
				+ " ORDER BY HEARTBEAT_AT DESC")
			.query((rs, n) -> new Node(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
					rs.getTimestamp(5).toLocalDateTime(), rs.getTimestamp(6).toLocalDateTime(),
					rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toLocalDateTime()))
			.list();
	}

	/**
	 * True if the node heartbeated within {@code ferry.node.dead-after}, has not said goodbye, and has run since
	 * {@code since} without a restart: what it held at {@code since} it may still hold.
	 */
	@Transactional(readOnly = true)
	public boolean aliveSince(String nodeId, LocalDateTime since) {
		return this.jdbc.sql("SELECT COUNT(*) FROM FERRY_NODE WHERE NODE_ID = ? AND STOPPED_AT IS NULL"
				+ " AND HEARTBEAT_AT > ? AND STARTED_AT <= ?")
			.params(nodeId, LocalDateTime.now().minus(this.deadAfter), since)
			.query(Long.class)
			.single() > 0;
	}

}
