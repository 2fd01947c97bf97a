package org.acai.api.storage;

/**
 * Answer of {@code resolve_vague_path}.
 *
 * @param id explicit {@code path:version} of a file, or the path of a directory
 * @param isDir whether it is a directory
 */
public record ResolvedPath(String id, boolean isDir) {}
