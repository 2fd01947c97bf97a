package org.acai.server.storage;

import org.acai.api.error.InvalidRequestException;

/**
 * A file reference: a path with an optional version, {@code /a/b.txt} (latest) or {@code
 * /a/b.txt:3}.
 *
 * @param path the file's path
 * @param version the version, or null for the latest
 */
public record FileRef(StoragePath path, Integer version) {
  /**
   * Parses {@code path[:N]}.
   *
   * @throws InvalidRequestException if the path or the version is malformed
   */
  public static FileRef parse(String raw) {
    if (raw == null) {
      throw new InvalidRequestException("Invalid path: missing");
    }
    int colon = raw.lastIndexOf(':');
    if (colon < 0) {
      return new FileRef(StoragePath.file(raw), null);
    }
    return new FileRef(
        StoragePath.file(raw.substring(0, colon)), Versions.parse(raw, raw.substring(colon + 1)));
  }

  /** The explicit id {@code path:version} (only for a resolved reference). */
  public String id() {
    return path + ":" + version;
  }

  @Override
  public String toString() {
    return version == null ? path.toString() : id();
  }
}
