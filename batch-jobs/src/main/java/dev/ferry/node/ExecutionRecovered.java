package dev.ferry.node;

/** Published after a running execution whose node is gone was turned into FAILED: whatever it held is free. */
public record ExecutionRecovered(long executionId) {
}
