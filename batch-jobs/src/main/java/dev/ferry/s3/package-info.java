/**
 * S3-compatible object storage for exports and imports: where ({@link dev.ferry.s3.S3Location}), with which keys
 * ({@link dev.ferry.s3.S3Credentials}), the SDK clients built per request ({@link dev.ferry.s3.S3Clients}), an access
 * check ({@link dev.ferry.s3.S3Probe}), uploading a dump directory while the dump tool still writes it
 * ({@link dev.ferry.s3.DirectoryUploader}), downloading a prefix ({@link dev.ferry.s3.DirectoryDownloader}) and
 * deleting one ({@link dev.ferry.s3.S3Cleaner}).
 */
@NullMarked
package dev.ferry.s3;

import org.jspecify.annotations.NullMarked;
