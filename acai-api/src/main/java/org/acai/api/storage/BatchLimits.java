package org.acai.api.storage;

/**
 * Whether the server takes batch transfers, and within which limits ({@code GET
 * /storage/batch_limits}). Servers whose blob store hands out its own upload URLs (S3) answer
 * {@code enabled: false}; clients then use upload sessions.
 *
 * @param enabled whether {@code /storage/upload_batch} and {@code /storage/download_batch} work
 * @param maxFiles most files in one batch
 * @param maxFileSize largest file in a batch, in bytes
 * @param maxBytes most bytes in one batch
 */
public record BatchLimits(boolean enabled, int maxFiles, long maxFileSize, long maxBytes) {}
