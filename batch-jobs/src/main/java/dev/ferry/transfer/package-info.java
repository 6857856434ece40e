/** Launching transfers: request validation, the export job, tool invocations. */
@NullMarked
package dev.ferry.transfer;

import org.jspecify.annotations.NullMarked;
