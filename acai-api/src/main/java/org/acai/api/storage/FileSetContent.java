package org.acai.api.storage;

import java.util.List;

/**
 * A file-set version and its members.
 *
 * @param id explicit id {@code name:version}
 * @param files members as explicit file ids {@code path:version}, sorted by path
 * @param sources file sets it was built from, as explicit ids
 */
public record FileSetContent(String id, List<String> files, List<String> sources) {}
