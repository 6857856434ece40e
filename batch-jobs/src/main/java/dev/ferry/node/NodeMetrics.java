package dev.ferry.node;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Node metrics: {@code ferry.node.heartbeats} (heartbeats this node wrote), {@code ferry.node.last.heartbeat.timestamp}
 * (when, epoch seconds) and {@code ferry.nodes.live} (nodes of the cluster whose heartbeat is younger than
 * {@code ferry.node.dead-after} and that did not stop; read from {@code FERRY_NODE} when scraped).
 */
@Component
class NodeMetrics {

	private final Counter heartbeats;

	private final AtomicLong lastHeartbeatMillis = new AtomicLong();

	NodeMetrics(MeterRegistry registry, NodeRegistry nodes, NodeProperties properties) {
		this.heartbeats = Counter.builder("ferry.node.heartbeats")
			.description("Heartbeats this node wrote to the shared database")
			.register(registry);
		Gauge.builder("ferry.node.last.heartbeat.timestamp", this.lastHeartbeatMillis, (millis) -> millis.get() / 1000.0)
			.description("When this node last wrote its heartbeat, epoch seconds")
			.baseUnit("seconds")
			.register(registry);
		Gauge.builder("ferry.nodes.live", nodes, (registered) -> live(registered, properties.deadAfter()))
			.description("Nodes with a heartbeat younger than ferry.node.dead-after (as this node sees them)")
			.register(registry);
	}

	void heartbeat() {
		this.heartbeats.increment();
		this.lastHeartbeatMillis.set(System.currentTimeMillis());
	}

	private static double live(NodeRegistry nodes, Duration deadAfter) {
		LocalDateTime cutoff = LocalDateTime.now().minus(deadAfter);
		return nodes.list().stream().filter((n) -> n.stoppedAt() == null && n.heartbeatAt().isAfter(cutoff)).count();
	}

}
