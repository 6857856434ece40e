/**
 * The console's settings screen ({@code /settings}, ADMIN): storage roots, limits and tool paths, stored through
 * {@link dev.ferry.config.SettingsService}; and the checks behind it (a tool's {@code --version}, a root's
 * writability and free space), which the dashboard's "Tools and storage" card reuses.
 */
@NullMarked
package dev.ferry.web.settings;

import org.jspecify.annotations.NullMarked;
