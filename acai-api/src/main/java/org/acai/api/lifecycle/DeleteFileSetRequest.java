package org.acai.api.lifecycle;

/**
 * A request to delete file-set versions, moving them to the trash. Their member file versions are
 * untouched.
 *
 * @param name {@code name:N} (one version) or {@code name} (every version of the set)
 * @param dryRun whether only to count what would be deleted
 */
public record DeleteFileSetRequest(String name, Boolean dryRun) {
  /** Flags left out of the request are false. */
  public DeleteFileSetRequest {
    dryRun = Boolean.TRUE.equals(dryRun);
  }
}
