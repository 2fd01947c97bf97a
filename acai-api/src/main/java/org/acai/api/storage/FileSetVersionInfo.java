package org.acai.api.storage;

/**
 * One version of a file set.
 *
 * @param id explicit id {@code name:version}
 * @param name the set's name
 * @param version the version number, from 1
 * @param fileCount how many files it holds
 * @param totalSize their total size in bytes
 * @param creatorId who created it
 * @param created creation time, Unix milliseconds
 */
public record FileSetVersionInfo(
    String id,
    String name,
    int version,
    int fileCount,
    long totalSize,
    long creatorId,
    long created) {}
