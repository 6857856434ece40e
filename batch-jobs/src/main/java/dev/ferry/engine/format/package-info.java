/**
 * The files of Ferry's native export engine, in the mydumper/Lightning layout: their names ({@link FileNames}), the
 * encoding of rows as SQL or CSV ({@link ChunkEncoder} over a {@link TableShape}), compression ({@link Compression})
 * and the schema and object files of a database ({@link SchemaFiles}).
 */
@NullMarked
package dev.ferry.engine.format;

import org.jspecify.annotations.NullMarked;
