/**
 * The console's transfer screens: the list with status tabs and live progress, the detail page with attempts, steps
 * and the tool log, and the Batch admin actions (stop, restart, delete).
 */
@NullMarked
package dev.ferry.web.transfers;

import org.jspecify.annotations.NullMarked;
