package org.acai.server.blob.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.blob.BlobKeys;
import org.acai.server.blob.StagedObject;
import org.acai.server.home.FileModes;

/**
 * Staged objects on disk: the bytes in {@code data/<shard>/<flat key>} and the SHA-256 computed
 * while staging in a hash record: an extended attribute of the data file where the file system has
 * them (no second file to create and delete per upload), else a file {@code meta/<flat key>}. Keys
 * are flattened ({@code /} becomes {@code ~}, which keys cannot contain) so that staging needs no
 * directory tree to create or prune.
 *
 * <p>Parallel uploads contend on their directory's lock, and a rename between two directories takes
 * the file system's rename lock: so keys are spread over {@value #SHARDS} fixed shard directories,
 * and a key's temp files (being written, or claimed for a commit) live in its own shard, where
 * every rename stays inside one directory. Objects staged flat in {@code data/} by earlier versions
 * are still found.
 *
 * <p>The hash record names the data file's size, modification time and identity (inode); a record
 * that does not match the current data file is ignored and the bytes are hashed again, so a crash,
 * a race or an edit from outside can slow a commit down but never attach a wrong hash to bytes.
 *
 * <p>Installs are durable only if asked to: otherwise the store fsyncs bytes when it commits them,
 * and drops the whole staging area after a reboot (see {@link BootCheck}), since bytes and records
 * that were never fsynced may be torn by an OS crash.
 */
final class StagingArea {
  static final int SHARDS = 64;
  private static final String TEMP_PREFIX = ".part-";
  private static final String CLAIM_PREFIX = ".commit-";

  /** Marks the CRC32C at the end of a hash record. */
  private static final String CRC_TAG = "crc32c:";

  private final Path dataDir;
  private final Path metaDir;
  private final Path tempDir;
  private final String tempPrefix = UUID.randomUUID().toString();
  private final AtomicLong tempCounter = new AtomicLong();

  private final boolean xattrs;

  StagingArea(Path stagingDir, Path tempDir) throws IOException {
    FileModes.createPrivateDirectories(stagingDir);
    this.dataDir = FileModes.createPrivateDirectories(stagingDir.resolve("data"));
    this.metaDir = FileModes.createPrivateDirectories(stagingDir.resolve("meta"));
    for (Path shard : shardDirs()) {
      FileModes.createPrivateDirectories(shard);
    }
    this.tempDir = tempDir;
    this.xattrs = HashRecords.supported(tempDir.resolve(tempName("probe-")));
  }

  /** Where bytes staged under {@code key} go; refuses anything outside the staging area. */
  Path dataPath(String key) {
    return shardDir(key).resolve(inside(dataDir, key).getFileName());
  }

  /**
   * Where the bytes staged under {@code key} are: in its shard, or flat as earlier versions put
   * them.
   */
  private Path stagedPath(String key) {
    Path sharded = dataPath(key);
    if (Files.exists(sharded)) {
      return sharded;
    }
    Path flat = inside(dataDir, key);
    return Files.exists(flat) ? flat : sharded;
  }

  /** A new temp file name beside where {@code key}'s bytes will be installed. */
  Path tempFor(String key) {
    return shardDir(key).resolve(tempName(TEMP_PREFIX));
  }

  /** Deletes temp files of writes and commits that a crash interrupted, untouched since cutoff. */
  void removeStaleTemps(FileTime cutoff) throws IOException {
    for (Path shard : shardDirs()) {
      try (Stream<Path> files = Files.list(shard)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          String name = file.getFileName().toString();
          boolean temp = name.startsWith(TEMP_PREFIX) || name.startsWith(CLAIM_PREFIX);
          if (temp && Files.getLastModifiedTime(file).compareTo(cutoff) < 0) {
            LocalFiles.deleteQuietly(file);
          }
        }
      }
    }
  }

  /**
   * Moves a fully written temp file in as {@code key}, replacing what was there; with {@code
   * durable}, the caller fsynced the file and the rename is fsynced too. Where the file system has
   * extended attributes, the hash record also keeps {@code crc32c} (null: none), and stays with the
   * bytes when they become a blob (same inode), for {@link #recordedCrc32c}.
   */
  void install(String key, Path tempFile, String sha256, String crc32c, boolean durable)
      throws IOException {
    Path data = dataPath(key);
    if (xattrs) {
      // The record travels with the file's inode, so it appears and goes with these very bytes.
      BasicFileAttributes attributes = Files.readAttributes(tempFile, BasicFileAttributes.class);
      if (attributes.fileKey() != null) {
        String crc = crc32c == null ? "" : " " + CRC_TAG + crc32c;
        HashRecords.write(tempFile, sha256 + " " + identity(attributes) + crc);
      }
      Files.move(tempFile, data, StandardCopyOption.ATOMIC_MOVE);
    } else {
      // A hash record must never outlive the bytes it describes, so drop it before the swap.
      Files.deleteIfExists(inside(metaDir, key));
      Files.move(tempFile, data, StandardCopyOption.ATOMIC_MOVE);
    }
    if (durable) {
      LocalFiles.fsyncDirectory(dataDir);
    }
    if (!xattrs) {
      BasicFileAttributes attributes = Files.readAttributes(data, BasicFileAttributes.class);
      if (attributes.fileKey() != null) {
        Path tempMeta = tempDir.resolve(tempName("meta-"));
        Files.writeString(
            Files.createFile(tempMeta, FileModes.privateFile()),
            sha256 + " " + identity(attributes),
            StandardCharsets.UTF_8);
        Files.move(tempMeta, inside(metaDir, key), StandardCopyOption.ATOMIC_MOVE);
      }
    }
  }

  /** The staged object under {@code key}, with its SHA-256 if a valid hash record exists. */
  Optional<StagedObject> read(String key) throws IOException {
    Path data = stagedPath(key);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(data, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(
        new StagedObject(key, attributes.size(), recordedSha256(key, data, attributes, false)));
  }

  /**
   * Takes the bytes staged under {@code key} out of the staging area into a private file, so that a
   * concurrent re-stage of the key cannot change them while they are committed.
   *
   * @return the claimed file and its recorded SHA-256 (null if none), or empty if nothing is staged
   */
  Optional<Claimed> claim(String key) throws IOException {
    Path data = stagedPath(key);
    Path claimed = data.resolveSibling(tempName(CLAIM_PREFIX));
    try {
      Files.move(data, claimed, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    BasicFileAttributes attributes = Files.readAttributes(claimed, BasicFileAttributes.class);
    String sha256 = recordedSha256(key, claimed, attributes, true);
    return Optional.of(new Claimed(claimed, attributes.size(), sha256));
  }

  /**
   * The CRC32C a blob file's hash record keeps, if it has one that matches the file as it is now
   * and names {@code sha256}.
   */
  Optional<String> recordedCrc32c(Path blobFile, String sha256) throws IOException {
    if (!xattrs) {
      return Optional.empty();
    }
    String record = HashRecords.read(blobFile);
    if (record == null) {
      return Optional.empty();
    }
    String crc32c = Fields.of(record).crc32c();
    BasicFileAttributes attributes = Files.readAttributes(blobFile, BasicFileAttributes.class);
    boolean valid = crc32c != null && sha256.equals(matching(record, attributes));
    return valid ? Optional.of(crc32c) : Optional.empty();
  }

  /** Bytes claimed for a commit. */
  record Claimed(Path file, long size, String sha256) {}

  /** Deletes what is staged under {@code key}, if anything. */
  void delete(String key) throws IOException {
    Files.deleteIfExists(inside(metaDir, key));
    Files.deleteIfExists(dataPath(key));
    Files.deleteIfExists(inside(dataDir, key));
  }

  /** Deletes everything staged, e.g. bytes that may be torn after a reboot. */
  void purge() throws IOException {
    List<Path> dirs = new ArrayList<>(List.of(metaDir, dataDir));
    dirs.addAll(shardDirs());
    for (Path dir : dirs) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file : (Iterable<Path>) files::iterator) {
          if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(file);
          }
        }
      }
      LocalFiles.fsyncDirectory(dir);
    }
  }

  private Path shardDir(String key) {
    return dataDir.resolve(shardName(shardOf(key)));
  }

  private List<Path> shardDirs() {
    List<Path> dirs = new ArrayList<>(SHARDS);
    for (int shard = 0; shard < SHARDS; shard++) {
      dirs.add(dataDir.resolve(shardName(shard)));
    }
    return dirs;
  }

  private static int shardOf(String key) {
    return Math.floorMod(key.hashCode(), SHARDS);
  }

  private static String shardName(int shard) {
    return String.format(Locale.ROOT, "%02x", shard);
  }

  /**
   * The SHA-256 a valid hash record gives the data file, or null; {@code consume} deletes a meta
   * file record that was used.
   */
  private String recordedSha256(
      String key, Path data, BasicFileAttributes attributes, boolean consume) throws IOException {
    if (attributes.fileKey() == null) {
      return null;
    }
    String sha256 = xattrs ? matching(HashRecords.read(data), attributes) : null;
    if (sha256 != null) {
      return sha256;
    }
    // Meta files: where there are no extended attributes, or staged before they were used.
    Path meta = inside(metaDir, key);
    String record;
    try {
      record = Files.readString(meta, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null;
    }
    sha256 = matching(record, attributes);
    if (sha256 != null && consume) {
      Files.deleteIfExists(meta);
    }
    return sha256;
  }

  private static String matching(String record, BasicFileAttributes attributes) {
    if (record == null) {
      return null;
    }
    Fields fields = Fields.of(record);
    boolean matches =
        BlobKeys.isSha256(fields.sha256()) && identity(attributes).equals(fields.identity());
    return matches ? fields.sha256() : null;
  }

  /**
   * A hash record's fields: its SHA-256, the identity of the file it describes (null if missing)
   * and the CRC32C that may end it (null if none, or not a CRC32C).
   */
  private record Fields(String sha256, String identity, String crc32c) {
    static Fields of(String record) {
      int tag = record.lastIndexOf(" " + CRC_TAG);
      String crc = tag < 0 ? null : record.substring(tag + 1 + CRC_TAG.length());
      String[] parts = (tag < 0 ? record : record.substring(0, tag)).split(" ", 2);
      return new Fields(
          parts[0], parts.length == 2 ? parts[1] : null, BlobKeys.isCrc32c(crc) ? crc : null);
    }
  }

  /** What ties a hash record to one version of a data file. */
  private static String identity(BasicFileAttributes attributes) {
    return attributes.size() + " " + attributes.lastModifiedTime() + " " + attributes.fileKey();
  }

  /** A unique temp file name; cheaper than a random one per file. */
  private String tempName(String kind) {
    return kind + tempPrefix + "-" + tempCounter.incrementAndGet();
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
