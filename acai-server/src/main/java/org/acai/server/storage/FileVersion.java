package org.acai.server.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.acai.api.storage.FileVersionInfo;
import org.acai.server.blob.BlobRef;

/**
 * A committed file version.
 *
 * @param id row id
 * @param path the file's path
 * @param version its version
 * @param sha256 content digest, which is also the blob's address
 * @param size size in bytes
 * @param creatorId the uploader
 * @param createdMillis commit time, Unix milliseconds
 */
public record FileVersion(
    long id,
    StoragePath path,
    int version,
    String sha256,
    long size,
    long creatorId,
    long createdMillis) {

  /**
   * Reads a version from a row with columns id, path, version, sha256, size, creator_id and
   * created_at.
   */
  public static FileVersion fromRow(ResultSet rs) throws SQLException {
    return new FileVersion(
        rs.getLong("id"),
        new StoragePath(rs.getString("path")),
        rs.getInt("version"),
        rs.getString("sha256"),
        rs.getLong("size"),
        rs.getLong("creator_id"),
        rs.getTimestamp("created_at").getTime());
  }

  /** The explicit id {@code path:version}. */
  public String explicitId() {
    return path + ":" + version;
  }

  /** The blob holding the content. */
  public BlobRef blob() {
    return new BlobRef(sha256, size);
  }

  /** The wire form. */
  public FileVersionInfo info() {
    return new FileVersionInfo(
        explicitId(), path.value(), version, size, sha256, creatorId, createdMillis);
  }
}
