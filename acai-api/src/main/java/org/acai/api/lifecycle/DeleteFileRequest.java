package org.acai.api.lifecycle;

/**
 * A request to delete files, moving them to the trash.
 *
 * @param path {@code /a.txt:3} (one version), {@code /a.txt} (every version of the path) or a
 *     directory (with {@code recursive})
 * @param recursive whether a directory may be deleted with everything below it
 * @param dryRun whether only to count what would be deleted
 */
public record DeleteFileRequest(String path, Boolean recursive, Boolean dryRun) {
  /** Flags left out of the request are false. */
  public DeleteFileRequest {
    recursive = Boolean.TRUE.equals(recursive);
    dryRun = Boolean.TRUE.equals(dryRun);
  }
}
