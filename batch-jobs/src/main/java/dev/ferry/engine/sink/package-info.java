/**
 * Where the native engine's files go: a {@link dev.ferry.engine.sink.FileSink} hands out
 * {@link dev.ferry.engine.sink.PendingFile}s that become visible under their final name only once committed, with
 * their size and CRC32C (sha256 when asked) computed while the bytes pass, so no file is ever read a second time.
 */
@NullMarked
package dev.ferry.engine.sink;

import org.jspecify.annotations.NullMarked;
