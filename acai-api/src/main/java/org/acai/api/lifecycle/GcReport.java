package org.acai.api.lifecycle;

/**
 * What one garbage collection did (or, for a dry run, would do right now).
 *
 * @param dryRun whether nothing was changed
 * @param purgedItems entities whose retention period ended and that nothing pins, removed for good
 *     (a dry run counts them)
 * @param freedBlobs blobs deleted from the blob store because no row references them any more
 * @param freedBytes their bytes
 * @param keptBlobs candidate blobs found referenced again (an identical upload) and kept
 * @param millis how long it took
 */
public record GcReport(
    boolean dryRun,
    long purgedItems,
    long freedBlobs,
    long freedBytes,
    long keptBlobs,
    long millis) {}
