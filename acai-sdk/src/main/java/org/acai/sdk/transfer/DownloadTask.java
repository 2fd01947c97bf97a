package org.acai.sdk.transfer;

import java.nio.file.Path;

/**
 * One presigned URL to GET into a local file.
 *
 * @param url the presigned GET URL, used verbatim
 * @param target where the bytes end up; its folder must exist
 * @param size the expected size in bytes
 * @param sha256 the expected lower-case hex SHA-256, or null to skip the check
 */
public record DownloadTask(String url, Path target, long size, String sha256) {}
