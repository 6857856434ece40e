package dev.ferry.web.console;

import java.time.OffsetDateTime;

/** One upcoming fire of a schedule, for the dashboard. */
public record NextRun(String scheduleId, String scheduleName, String clusterName, OffsetDateTime at) {

}
