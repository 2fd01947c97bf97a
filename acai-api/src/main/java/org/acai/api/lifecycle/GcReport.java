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
 * @param compactedSegments segment files of packed small blobs, at most half live, whose live blobs
 *     were copied into a new segment (local store only; a dry run counts none)
 * @param reclaimedSegmentBytes bytes of old segment files deleted (a segment compacted in one run
 *     is deleted by a later run once the grace period has passed)
 * @param millis how long it took
 */
public record GcReport(
    boolean dryRun,
    long purgedItems,
    long freedBlobs,
    long freedBytes,
    long keptBlobs,
    long compactedSegments,
    long reclaimedSegmentBytes,
    long millis) {}
