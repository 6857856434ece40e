/** Ferry's verification manifest: what an export holds (tables, rows, files, sha256), checked again on import. */
@NullMarked
package dev.ferry.manifest;

import org.jspecify.annotations.NullMarked;
