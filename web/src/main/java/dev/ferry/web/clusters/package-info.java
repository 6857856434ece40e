/**
 * The console's clusters screen ({@code /clusters}): list, register, edit, delete and test connections. Passwords
 * are write-only: never rendered, a blank field keeps the stored one.
 */
@NullMarked
package dev.ferry.web.clusters;

import org.jspecify.annotations.NullMarked;
