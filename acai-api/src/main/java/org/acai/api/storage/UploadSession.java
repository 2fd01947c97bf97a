package org.acai.api.storage;

import java.util.List;

/**
 * An upload session: started, polled and finished with the same shape.
 *
 * @param sessionId the session's id
 * @param files one upload target per requested path, in request order (on start)
 * @param committed whether every file landed and got its version
 * @param uploadedFileIds explicit ids {@code path:version}, in request order, once committed
 * @param expiresAt when an unfinished session is discarded, Unix milliseconds
 */
public record UploadSession(
    String sessionId,
    List<UploadTarget> files,
    boolean committed,
    List<String> uploadedFileIds,
    long expiresAt) {}
