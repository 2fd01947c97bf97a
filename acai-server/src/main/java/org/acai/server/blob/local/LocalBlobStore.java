package org.acai.server.blob.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.acai.api.error.AcaiException;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.ServiceFailureException;
import org.acai.server.blob.BlobKeys;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.StagedObject;
import org.acai.server.blob.SupportsBatchCommit;
import org.acai.server.blob.SupportsDeletion;
import org.acai.server.blob.SupportsListing;
import org.acai.server.blob.SupportsLocalFiles;
import org.acai.server.blob.internal.ContentHasher;
import org.acai.server.home.FileModes;

/**
 * A {@link BlobStore} in a directory: staged objects under {@code staging/}, blobs at {@code
 * sha256/ab/cd/<hex>} (read-only files), and in-flight writes under {@code tmp/}. Every write goes
 * to a temp file, then is renamed into place, so readers never see partial bytes.
 *
 * <p>Durability: {@link #commit} fsyncs the blob's bytes, then renames it to its content address
 * and fsyncs the directories it changed, all before it returns, so a version made visible after it
 * refers to bytes on stable storage. {@link #stage} does not fsync (one fsync per small upload
 * would dominate their cost): staged bytes survive a restart of the server, but not necessarily an
 * OS crash, so when the store opens after a reboot it drops everything staged and those sessions
 * cannot commit. Where the system has no boot id (not Linux), staging fsyncs as well. Uploads
 * declared at {@link #PIPELINED_MIN_BYTES} or more are hashed and written by a pipeline ({@link
 * PipelinedWriter}).
 *
 * <p>Thread-safe; one store instance should own a directory.
 */
public final class LocalBlobStore
    implements BlobStore,
        SupportsLocalFiles,
        SupportsBatchCommit,
        SupportsDeletion,
        SupportsListing {
  /**
   * Uploads declared at least this large are hashed and written by a pipeline ({@link
   * PipelinedWriter}); below it the hand-over between threads costs more than it overlaps.
   */
  static final long PIPELINED_MIN_BYTES = PipelinedWriter.SLOT_BYTES;

  /** Temp files untouched this long are left-overs of a crash; live writes touch theirs. */
  private static final Duration STALE_TEMP = Duration.ofHours(1);

  private final Path root;
  private final Path tempDir;
  private final StagingArea staging;
  private final boolean durableStaging;
  private final BlobCommits commits;

  /**
   * Opens (creating if needed) a store in {@code root} and removes stale temp files.
   *
   * @throws ServiceFailureException if the directories cannot be created
   */
  public LocalBlobStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      FileModes.createPrivateDirectories(this.root);
      this.tempDir = FileModes.createPrivateDirectories(this.root.resolve("tmp"));
      this.staging = new StagingArea(this.root.resolve("staging"), tempDir);
      FileModes.createPrivateDirectories(this.root.resolve("sha256"));
      removeStaleTempFiles();
      this.durableStaging = checkBoot();
      this.commits = new BlobCommits(staging, this::path);
    } catch (IOException e) {
      throw new ServiceFailureException(e, "Cannot open blob store at %s: %s", this.root, e);
    }
  }

  @Override
  public StagedObject stage(
      String stagingKey, InputStream in, Long expectedSize, String expectedSha256) {
    staging.dataPath(stagingKey);
    ContentHasher hasher = new ContentHasher(stagingKey, expectedSize, expectedSha256);
    Path temp = null;
    try {
      temp = staging.tempFor(stagingKey);
      write(in, temp, hasher, durableStaging);
      hasher.verify();
      staging.install(stagingKey, temp, hasher.sha256(), hasher.crc32c(), durableStaging);
      return new StagedObject(stagingKey, hasher.size(), hasher.sha256(), hasher.crc32c());
    } catch (IOException | RuntimeException e) {
      if (temp != null) {
        LocalFiles.deleteQuietly(temp);
      }
      discard(stagingKey);
      if (e instanceof AcaiException acai) {
        throw acai;
      }
      throw new ServiceFailureException(e, "Cannot stage %s: %s", stagingKey, e);
    }
  }

  private static void write(InputStream in, Path file, ContentHasher hasher, boolean sync)
      throws IOException {
    byte[] buffer = new byte[LocalFiles.bufferSize(hasher.expectedSize())];
    Long expected = hasher.expectedSize();
    if (expected != null && expected >= PIPELINED_MIN_BYTES) {
      Optional<PipelinedWriter> pipelined = PipelinedWriter.create(file, hasher::digest);
      if (pipelined.isPresent()) {
        hasher.hashElsewhere();
        try (PipelinedWriter writer = pipelined.get()) {
          fill(in, buffer, hasher, writer::write);
          writer.finish(sync);
        }
        return;
      }
    }
    try (FileChannel channel =
        FileChannel.open(file, LocalFiles.CREATE_NEW, FileModes.privateFile())) {
      Writeback writeback = new Writeback(channel, file);
      try {
        fill(
            in,
            buffer,
            hasher,
            (bytes, off, len) -> {
              ByteBuffer chunk = ByteBuffer.wrap(bytes, off, len);
              while (chunk.hasRemaining()) {
                channel.write(chunk);
              }
              writeback.written(len);
            });
      } finally {
        // Even on failure: the channel must not close under a running flush.
        writeback.await();
      }
      if (sync) {
        channel.force(true);
      }
    }
  }

  /** Where the bytes of {@link #fill} go. */
  @FunctionalInterface
  private interface ChunkSink {
    void write(byte[] bytes, int off, int len) throws IOException;
  }

  /** Copies {@code in} to {@code sink} through {@code buffer}, hashing it on the way. */
  private static void fill(InputStream in, byte[] buffer, ContentHasher hasher, ChunkSink sink)
      throws IOException {
    boolean end = false;
    while (!end) {
      // Fill the buffer before writing: the network hands over small chunks.
      int filled = 0;
      while (filled < buffer.length) {
        int n = hasher.read(in, buffer, filled, buffer.length - filled);
        if (n < 0) {
          end = true;
          break;
        }
        filled += n;
      }
      sink.write(buffer, 0, filled);
    }
  }

  @Override
  public Optional<StagedObject> inspect(String stagingKey) {
    try {
      return staging.read(stagingKey);
    } catch (IOException e) {
      throw new ServiceFailureException(e, "Cannot inspect %s: %s", stagingKey, e);
    }
  }

  @Override
  public BlobRef commit(String stagingKey, String expectedSha256) {
    return commits
        .commitAll(List.of(stagingKey), Collections.singletonList(expectedSha256), null)
        .get(0);
  }

  @Override
  public List<BlobRef> commitAll(
      List<String> stagingKeys, List<String> expectedSha256s, ExecutorService pool) {
    if (stagingKeys.size() != expectedSha256s.size()) {
      throw new IllegalArgumentException("Staging keys and digests differ in number");
    }
    return stagingKeys.isEmpty()
        ? List.of()
        : commits.commitAll(stagingKeys, expectedSha256s, pool);
  }

  @Override
  public void discard(String stagingKey) {
    try {
      staging.delete(stagingKey);
    } catch (IOException e) {
      throw new ServiceFailureException(e, "Cannot discard %s: %s", stagingKey, e);
    }
  }

  @Override
  public InputStream open(BlobRef blob) {
    try {
      return Files.newInputStream(path(blob));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new NoSuchFileException("No such blob: %s", blob.sha256());
    } catch (IOException e) {
      throw new ServiceFailureException(e, "Cannot open blob %s: %s", blob.sha256(), e);
    }
  }

  @Override
  public boolean exists(BlobRef blob) {
    return Files.isRegularFile(path(blob));
  }

  @Override
  public Path path(BlobRef blob) {
    return root.resolve(blob.key());
  }

  @Override
  public Optional<String> crc32c(BlobRef blob) {
    try {
      return staging.recordedCrc32c(path(blob), blob.sha256());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void delete(List<BlobRef> blobs) {
    for (BlobRef blob : blobs) {
      try {
        Files.deleteIfExists(path(blob));
      } catch (IOException e) {
        throw new ServiceFailureException(e, "Cannot delete blob %s: %s", blob.sha256(), e);
      }
    }
  }

  @Override
  public void forEachBlob(Consumer<BlobRef> action) {
    try (Stream<Path> files = Files.walk(root.resolve("sha256"), 3)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (BlobKeys.isSha256(name)) {
          sizeOf(file).ifPresent(size -> action.accept(new BlobRef(name, size)));
        }
      }
    } catch (IOException e) {
      throw new ServiceFailureException(e, "Cannot list blobs in %s: %s", root, e);
    }
  }

  /** A file's size, or nothing if it was deleted meanwhile. */
  private static Optional<Long> sizeOf(Path file) throws IOException {
    try {
      return Optional.of(Files.size(file));
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public String describe() {
    return "local disk at " + root;
  }

  @Override
  public void close() {
    // Nothing to release: every operation opens and closes its own files.
  }

  /**
   * Drops staged bytes that may be torn because the machine rebooted since they were written.
   *
   * @return whether staging must fsync, because there is no boot id to tell reboots by
   */
  private boolean checkBoot() throws IOException {
    Optional<String> boot = BootCheck.currentBootId();
    if (boot.isEmpty()) {
      return true;
    }
    Optional<String> recorded = BootCheck.recorded(root);
    if (!recorded.equals(boot)) {
      if (recorded.isPresent()) {
        staging.purge();
      }
      BootCheck.record(root, tempDir, boot.get());
    }
    return false;
  }

  private void removeStaleTempFiles() throws IOException {
    FileTime cutoff = FileTime.from(Instant.now().minus(STALE_TEMP));
    staging.removeStaleTemps(cutoff);
    try (Stream<Path> files = Files.list(tempDir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.getLastModifiedTime(file).compareTo(cutoff) < 0) {
          LocalFiles.deleteQuietly(file);
        }
      }
    }
  }
}
