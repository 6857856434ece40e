/**
 * The dump inspector: reads every SQL file of a dump with a quoting-aware statement reader before an import runs,
 * and refuses the dump when a statement falls outside its file's role. Used by every import chain.
 */
@NullMarked
package dev.ferry.dump;

import org.jspecify.annotations.NullMarked;
