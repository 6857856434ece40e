/**
 * The console's shared parts: login page, dashboard, formatting helpers for templates, and the error handling that
 * answers browsers with HTML (full pages) or a flash message (htmx requests), never JSON.
 */
@NullMarked
package dev.ferry.web.console;

import org.jspecify.annotations.NullMarked;
