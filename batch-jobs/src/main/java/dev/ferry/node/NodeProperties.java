package dev.ferry.node;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How this node takes part in a Ferry cluster ({@code ferry.node.*}).
 *
 * @param id this node's id (also the Quartz instance id); default {@code <host>-<hash of ferry.home>}, stable across
 * restarts, so a restarted node recognises its own executions from before a crash
 * @param heartbeatInterval how often the node writes its heartbeat
 * @param deadAfter a node whose heartbeat is older than this is dead: its running executions are recovered to FAILED
 * @param stopPollInterval how often the node looks for stop requests other nodes left for its executions
 * @param recoveryInterval how often the node looks for executions of dead nodes
 */
@Validated
@ConfigurationProperties("ferry.node")
record NodeProperties(@Nullable String id, @NotNull Duration heartbeatInterval, @NotNull Duration deadAfter,
		@NotNull Duration stopPollInterval, @NotNull Duration recoveryInterval) {
}
