/** Registered clusters: connection facts, kind, stored credentials, connection test. */
@NullMarked
package dev.ferry.cluster;

import org.jspecify.annotations.NullMarked;
