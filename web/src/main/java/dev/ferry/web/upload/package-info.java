/**
 * Receiving uploads: a multipart request streamed into the {@link dev.ferry.upload.UploadStore}, shared by the API
 * ({@code POST /api/v1/clusters/import/upload}) and the console ({@code POST /transfers/import/upload}).
 */
@NullMarked
package dev.ferry.web.upload;

import org.jspecify.annotations.NullMarked;
