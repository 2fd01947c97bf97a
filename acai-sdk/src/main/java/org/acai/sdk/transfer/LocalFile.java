package org.acai.sdk.transfer;

import java.nio.file.Path;

/**
 * A local file as read once (or measured): its size and content hash at that moment.
 *
 * @param path the file
 * @param size bytes read
 * @param sha256 lower-case hex SHA-256 of those bytes, or null for a file measured but not read (a
 *     large file, hashed while it is sent instead)
 */
public record LocalFile(Path path, long size, String sha256) {}
