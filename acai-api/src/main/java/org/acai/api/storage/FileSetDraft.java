package org.acai.api.storage;

/**
 * Answer of {@code POST /storage/open_file_set_draft}: a draft that batch uploads add members to
 * ({@code POST /storage/upload_batch?draft=ID}) until {@code POST
 * /storage/create_file_set_from_draft} makes it a file-set version.
 *
 * @param draftId the draft's id
 * @param expiresAt when it can no longer take members or become a set, Unix milliseconds
 */
public record FileSetDraft(long draftId, long expiresAt) {}
