/**
 * The native tool chain's export: the partitioned {@code exportDataFromCluster} step (snapshot, plan, one partition
 * per chunk file), the manifest built from the partitions' contexts, and the progress aggregated from them.
 */
@NullMarked
package dev.ferry.engine.export;

import org.jspecify.annotations.NullMarked;
