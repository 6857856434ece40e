/**
 * Files that cross the API: uploaded zips to import (streamed to a per-upload staging directory, checked and unpacked
 * safely) and zips of NFS exports streamed to a download.
 */
@NullMarked
package dev.ferry.upload;

import org.jspecify.annotations.NullMarked;
