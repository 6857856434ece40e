/**
 * Ferry settings bound from ferry.* properties, overlaid at runtime with the values changed in the console
 * ({@link dev.ferry.config.SettingsService}).
 */
@NullMarked
package dev.ferry.config;

import org.jspecify.annotations.NullMarked;
