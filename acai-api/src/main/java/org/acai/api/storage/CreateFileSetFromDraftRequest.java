package org.acai.api.storage;

import java.util.List;

/**
 * Body of {@code POST /storage/create_file_set_from_draft}.
 *
 * @param name file-set name (no {@code :} or {@code @})
 * @param draftId the caller's open draft, whose members the set holds
 * @param files more members, as in {@link CreateFileSetRequest}: none (null or empty), or files
 *     that did not come through batches; a path the draft has must name the same version
 */
public record CreateFileSetFromDraftRequest(String name, long draftId, List<String> files) {}
