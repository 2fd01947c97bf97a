package org.acai.api.lifecycle;

import java.util.List;

/**
 * What a delete did, or would do for a dry run.
 *
 * @param trashId the trash entry that restores it; null for a dry run
 * @param target what was named, e.g. {@code /data/} or {@code train:2}
 * @param items how many entities (file versions, file-set versions, jobs) it hides
 * @param paths how many distinct file paths or set names they belong to
 * @param pins the deleted file versions that live file sets or jobs still reference (at most {@link
 *     #MAX_PINS}); they stay readable through those
 * @param restorableUntil until when a restore brings everything back, Unix ms; null for a dry run
 */
public record DeleteResult(
    Long trashId, String target, int items, int paths, List<Pin> pins, Long restorableUntil) {
  /** Most pins one answer lists. */
  public static final int MAX_PINS = 100;

  public DeleteResult {
    pins = List.copyOf(pins);
  }
}
