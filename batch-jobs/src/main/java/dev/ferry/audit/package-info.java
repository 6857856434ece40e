/** Who did what: destructive and administrative actions, in FERRY_AUDIT. */
@NullMarked
package dev.ferry.audit;

import org.jspecify.annotations.NullMarked;
