package org.acai.server.blob.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.UUID;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.blob.BlobKeys;
import org.acai.server.blob.StagedObject;

/**
 * Staged objects on disk: the bytes in {@code data/<flat key>} and, beside them in {@code
 * meta/<flat key>}, the SHA-256 computed while staging. Keys are flattened ({@code /} becomes
 * {@code ~}, which keys cannot contain) so that staging needs no directory tree to create or prune.
 *
 * <p>The hash record names the data file's size, modification time and identity (inode); a record
 * that does not match the current data file is ignored and the bytes are hashed again, so a crash,
 * a race or an edit from outside can slow a commit down but never attach a wrong hash to bytes.
 */
final class StagingArea {
  private final Path dataDir;
  private final Path metaDir;
  private final Path tempDir;

  StagingArea(Path stagingDir, Path tempDir) throws IOException {
    this.dataDir = Files.createDirectories(stagingDir.resolve("data"));
    this.metaDir = Files.createDirectories(stagingDir.resolve("meta"));
    this.tempDir = tempDir;
  }

  /** Where the bytes staged under {@code key} live; refuses anything outside the staging area. */
  Path dataPath(String key) {
    return inside(dataDir, key);
  }

  /** Moves a fully written, fsynced temp file in as {@code key}, replacing what was there. */
  void install(String key, Path tempFile, long size, String sha256) throws IOException {
    Path data = dataPath(key);
    Path meta = inside(metaDir, key);
    // A hash record must never outlive the bytes it describes, so drop it before the swap.
    Files.deleteIfExists(meta);
    Files.move(tempFile, data, StandardCopyOption.ATOMIC_MOVE);
    LocalFiles.fsyncDirectory(dataDir);
    BasicFileAttributes attributes = Files.readAttributes(data, BasicFileAttributes.class);
    if (attributes.fileKey() != null) {
      Path tempMeta = tempDir.resolve("meta-" + UUID.randomUUID());
      Files.writeString(tempMeta, sha256 + " " + identity(attributes), StandardCharsets.UTF_8);
      Files.move(tempMeta, meta, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** The staged object under {@code key}, with its SHA-256 if a valid hash record exists. */
  Optional<StagedObject> read(String key) throws IOException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(dataPath(key), BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(new StagedObject(key, attributes.size(), recordedSha256(key, attributes)));
  }

  /**
   * Takes the bytes staged under {@code key} out of the staging area into a private file, so that a
   * concurrent re-stage of the key cannot change them while they are committed.
   *
   * @return the claimed file and its recorded SHA-256 (null if none), or empty if nothing is staged
   */
  Optional<Claimed> claim(String key) throws IOException {
    Path claimed = tempDir.resolve("commit-" + UUID.randomUUID());
    try {
      Files.move(dataPath(key), claimed, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    BasicFileAttributes attributes = Files.readAttributes(claimed, BasicFileAttributes.class);
    String sha256 = recordedSha256(key, attributes);
    if (sha256 != null) {
      Files.deleteIfExists(inside(metaDir, key));
    }
    return Optional.of(new Claimed(claimed, attributes.size(), sha256));
  }

  /** Bytes claimed for a commit. */
  record Claimed(Path file, long size, String sha256) {}

  /** Deletes what is staged under {@code key}, if anything. */
  void delete(String key) throws IOException {
    Files.deleteIfExists(inside(metaDir, key));
    Files.deleteIfExists(dataPath(key));
  }

  private String recordedSha256(String key, BasicFileAttributes attributes) throws IOException {
    String record;
    try {
      record = Files.readString(inside(metaDir, key), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    }
    String[] fields = record.split(" ", 2);
    boolean matches =
        fields.length == 2
            && BlobKeys.isSha256(fields[0])
            && attributes.fileKey() != null
            && fields[1].equals(identity(attributes));
    return matches ? fields[0] : null;
  }

  /** What ties a hash record to one version of a data file. */
  private static String identity(BasicFileAttributes attributes) {
    return attributes.size() + " " + attributes.lastModifiedTime() + " " + attributes.fileKey();
  }

  private static Path inside(Path dir, String key) {
    String flat = BlobKeys.checkStagingKey(key).replace('/', '~');
    Path path = dir.resolve(flat).normalize();
    if (!dir.equals(path.getParent())) {
      throw new InvalidRequestException("Invalid staging key: %s", key);
    }
    return path;
  }
}
