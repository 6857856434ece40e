package dev.ferry.s3;

/**
 * What {@link DirectoryDownloader} fetched.
 *
 * @param files the number of objects written to files
 * @param bytes their total size
 */
public record DownloadResult(int files, long bytes) {
}
