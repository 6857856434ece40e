/**
 * Server-rendered SVG charts of the export history (size, duration, throughput) and the dashboard's sparklines: a
 * small model scaled here and drawn by {@code templates/fragments/charts.html}, no JavaScript.
 */
@NullMarked
package dev.ferry.web.charts;

import org.jspecify.annotations.NullMarked;
