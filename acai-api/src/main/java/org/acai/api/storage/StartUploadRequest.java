package org.acai.api.storage;

import java.util.List;

/**
 * Body of {@code POST /storage/start_file_upload_session}.
 *
 * @param paths remote paths, in order; the same path twice makes two versions
 * @param sizes optional declared sizes in bytes, same order (a PUT of another size is rejected)
 * @param sha256s optional declared SHA-256 digests (lower-case hex), same order
 */
public record StartUploadRequest(List<String> paths, List<Long> sizes, List<String> sha256s) {}
