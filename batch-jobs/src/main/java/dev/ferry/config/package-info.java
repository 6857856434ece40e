/** Ferry settings bound from ferry.* properties. */
@NullMarked
package dev.ferry.config;

import org.jspecify.annotations.NullMarked;
