package org.acai.api.storage;

import java.util.List;

/**
 * Body of {@code POST /storage/create_file_set}.
 *
 * @param name file-set name (no {@code :} or {@code @})
 * @param files members: {@code path}, {@code path:N}, {@code @set}, {@code @set:N}
 */
public record CreateFileSetRequest(String name, List<String> files) {}
