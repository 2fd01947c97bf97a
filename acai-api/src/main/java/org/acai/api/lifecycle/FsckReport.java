package org.acai.api.lifecycle;

import java.util.List;

/**
 * What a consistency check found, and what a repair did.
 *
 * @param checkedBlobs distinct blobs that file versions (visible or in the trash) reference
 * @param missingBlobs of those, how many the blob store does not have
 * @param corruptBlobs how many have other bytes than their size and SHA-256 say (only counted with
 *     hash verification)
 * @param orphanBlobs blobs in the store (loose or packed in a segment) that no file version
 *     references and that are not waiting for GC already
 * @param orphanBytes their size
 * @param orphanSegments segment files the segment index does not know, older than an hour (left by
 *     a crash between writing a batch and committing it)
 * @param danglingReferences references to things that are gone: a job's code or input naming a
 *     version that does not exist, a packed blob whose segment file is missing or too short
 * @param handedToGc with repair: orphan blobs made GC candidates plus orphan segment files deleted
 * @param pendingCandidates unreferenced blobs waiting for GC
 * @param problems the first {@link #MAX_PROBLEMS} problems, one line each
 * @param millis how long it took
 */
public record FsckReport(
    long checkedBlobs,
    long missingBlobs,
    long corruptBlobs,
    long orphanBlobs,
    long orphanBytes,
    long orphanSegments,
    long danglingReferences,
    long handedToGc,
    long pendingCandidates,
    List<String> problems,
    long millis) {
  /** Most problems one report lists. */
  public static final int MAX_PROBLEMS = 100;

  public FsckReport {
    problems = List.copyOf(problems);
  }

  /**
   * Whether nothing is wrong: no referenced blob is missing or corrupt and no reference dangles.
   * Orphans are garbage, not damage: they do not make a check unclean.
   */
  public boolean isClean() {
    return missingBlobs == 0 && corruptBlobs == 0 && danglingReferences == 0;
  }
}
