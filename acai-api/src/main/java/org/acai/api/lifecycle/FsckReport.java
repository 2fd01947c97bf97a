package org.acai.api.lifecycle;

import java.util.List;

/**
 * What a consistency check found.
 *
 * @param checkedBlobs distinct blobs that file versions (visible or in the trash) reference
 * @param missingBlobs of those, how many the blob store does not have
 * @param corruptBlobs how many have other bytes than their size and SHA-256 say (only counted with
 *     hash verification)
 * @param pendingCandidates unreferenced blobs waiting for GC
 * @param problems the first {@link #MAX_PROBLEMS} problems, one line each
 * @param millis how long it took
 */
public record FsckReport(
    long checkedBlobs,
    long missingBlobs,
    long corruptBlobs,
    long pendingCandidates,
    List<String> problems,
    long millis) {
  /** Most problems one report lists. */
  public static final int MAX_PROBLEMS = 100;

  public FsckReport {
    problems = List.copyOf(problems);
  }

  /** Whether nothing is wrong. */
  public boolean isClean() {
    return missingBlobs == 0 && corruptBlobs == 0;
  }
}
