/**
 * The nodes of a Ferry cluster sharing one database: each node heartbeats in {@code FERRY_NODE}, claims the transfer
 * executions it runs in {@code FERRY_EXECUTION_NODE}, carries out stop requests other nodes leave there, and turns
 * the executions of nodes that stopped heartbeating (or of its own previous life) into restartable FAILED ones.
 */
@NullMarked
package dev.ferry.node;

import org.jspecify.annotations.NullMarked;
