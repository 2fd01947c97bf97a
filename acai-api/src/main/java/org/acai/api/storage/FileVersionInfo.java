package org.acai.api.storage;

/**
 * One version of a file.
 *
 * @param id explicit id {@code path:version}
 * @param path the file's path
 * @param version the version number, from 1
 * @param size size in bytes
 * @param sha256 SHA-256 of the content, lower-case hex
 * @param creatorId the uploader's user id
 * @param created commit time, Unix milliseconds
 */
public record FileVersionInfo(
    String id, String path, int version, long size, String sha256, long creatorId, long created) {}
