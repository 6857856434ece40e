/**
 * One point in time for a whole export: a brief global read lock, worker connections each in a consistent-snapshot
 * transaction, the binlog/GTID position (TiDB: one {@code tidb_snapshot} TSO on every connection).
 */
@NullMarked
package dev.ferry.engine.snapshot;

import org.jspecify.annotations.NullMarked;
