/** The REST API under /api/v1, in TiUniManager's envelope {code, message, data}. */
@NullMarked
package dev.ferry.web.api;

import org.jspecify.annotations.NullMarked;
