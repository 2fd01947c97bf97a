package org.acai.api.storage;

import java.util.List;

/**
 * The answer to a batch upload: every file became a version in one transaction.
 *
 * @param uploadedFileIds explicit ids {@code path:version}, in request order
 */
public record BatchUploadResult(List<String> uploadedFileIds) {}
