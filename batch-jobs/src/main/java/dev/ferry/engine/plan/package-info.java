/**
 * Chunk planning: the tables of an export with their estimated rows and bytes, split into key ranges of about
 * {@code FERRY_CHUNK_ROWS} rows that together hold every row exactly once.
 */
@NullMarked
package dev.ferry.engine.plan;

import org.jspecify.annotations.NullMarked;
