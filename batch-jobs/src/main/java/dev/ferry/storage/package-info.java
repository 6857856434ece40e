/** Storage roots and per-record directories, every path checked to stay inside its root. */
@NullMarked
package dev.ferry.storage;

import org.jspecify.annotations.NullMarked;
