package org.acai.api.storage;

/**
 * Body of {@code finish_file_upload_session} and {@code abort_file_upload_session}.
 *
 * @param sessionId the session; the original client echoes whatever start returned
 */
public record SessionRequest(String sessionId) {}
