/** Secrets (cluster and request passwords, S3 keys) encrypted at rest with AES-GCM, referenced by id. */
@NullMarked
package dev.ferry.secret;

import org.jspecify.annotations.NullMarked;
