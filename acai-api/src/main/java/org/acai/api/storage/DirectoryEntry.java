package org.acai.api.storage;

/**
 * A direct child of a directory.
 *
 * @param path the entry's name inside the directory
 * @param version the latest version of a file; null for a directory
 * @param isDir whether the entry is a directory
 * @param size size of the latest version in bytes; null for a directory
 * @param creatorId who uploaded the latest version; null for a directory
 * @param created when the latest version was committed, Unix ms; null for a directory
 */
public record DirectoryEntry(
    String path, Integer version, boolean isDir, Long size, Long creatorId, Long created) {}
