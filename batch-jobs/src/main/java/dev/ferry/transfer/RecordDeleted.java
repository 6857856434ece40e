package dev.ferry.transfer;

/** Published after a transfer record (its JobInstance and files) has been deleted on this node. */
public record RecordDeleted(long recordId) {
}
