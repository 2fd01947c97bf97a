package org.acai.server.db;

/**
 * How SQL finds file versions by content digest: through {@code file_versions_digest} (V32), a
 * B-tree of the digest's 64-bit hash, and then the digest itself. Write {@link #same} wherever a
 * condition compares {@code file_versions.sha256} for equality; a bare {@code sha256 = x} does not
 * reach the index and reads the whole table.
 */
public final class DigestKeys {
  private DigestKeys() {}

  /**
   * The condition that {@code column} (a {@code file_versions.sha256}) equals {@code value}, both
   * SQL expressions that name no caller's text (columns, bind parameters).
   */
  public static String same(String column, String value) {
    return "hashtextextended("
        + column
        + ", 0) = hashtextextended("
        + value
        + ", 0) AND "
        + column
        + " = "
        + value;
  }
}
