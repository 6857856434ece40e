/** Transport records read from the Spring Batch job repository tables. */
@NullMarked
package dev.ferry.record;

import org.jspecify.annotations.NullMarked;
