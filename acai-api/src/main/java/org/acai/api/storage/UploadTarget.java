package org.acai.api.storage;

/**
 * Where one file of an upload session goes.
 *
 * @param path the normalized remote path
 * @param s3Url the presigned URL to PUT the bytes to (the original client's field name)
 */
public record UploadTarget(String path, String s3Url) {}
