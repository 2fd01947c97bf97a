package org.acai.sdk.transfer;

import java.nio.file.Path;

/**
 * One file to PUT to a presigned URL.
 *
 * @param url the presigned PUT URL, used verbatim
 * @param file the local file, streamed from disk
 * @param size its size in bytes (for progress)
 */
public record UploadTask(String url, Path file, long size) {}
