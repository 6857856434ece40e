/** Actuator health of Ferry's storage roots. */
@NullMarked
package dev.ferry.web.health;

import org.jspecify.annotations.NullMarked;
