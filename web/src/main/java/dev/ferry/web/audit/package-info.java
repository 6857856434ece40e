/** The console's audit page ({@code /audit}, admins): who changed what, newest first, filtered and paged. */
@NullMarked
package dev.ferry.web.audit;

import org.jspecify.annotations.NullMarked;
