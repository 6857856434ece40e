/** Ferry's verification manifest: what an export holds (tables, rows, files with CRC32C and sha256 when asked), checked again on import. */
@NullMarked
package dev.ferry.manifest;

import org.jspecify.annotations.NullMarked;
