package org.acai.api.storage;

/**
 * A presigned download.
 *
 * @param id explicit id {@code path:version} of the file
 * @param s3Url presigned GET URL (the original client's field name)
 * @param size size in bytes
 * @param sha256 SHA-256 of the content, to verify the download
 */
public record DownloadUrl(String id, String s3Url, long size, String sha256) {}
