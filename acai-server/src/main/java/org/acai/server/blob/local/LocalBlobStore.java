package org.acai.server.blob.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.acai.api.error.AcaiException;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.NotFoundException;
import org.acai.api.error.ServiceFailureException;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.StagedObject;
import org.acai.server.blob.SupportsLocalFiles;
import org.acai.server.blob.internal.ContentHasher;
import org.acai.server.blob.local.StagingArea.Claimed;

/**
 * A {@link BlobStore} in a directory: staged objects under {@code staging/}, blobs at {@code
 * sha256/ab/cd/<hex>} (read-only files), and in-flight writes under {@code tmp/}. Every write goes
 * to a temp file, is fsynced, then renamed into place, so readers never see partial bytes.
 * Thread-safe; one store instance should own a directory.
 */
public final class LocalBlobStore implements BlobStore, SupportsLocalFiles {
  /** Temp files untouched this long are left-overs of a crash; live writes touch theirs. */
  private static final Duration STALE_TEMP = Duration.ofHours(1);

  private final Path root;
  private final Path tempDir;
  private final StagingArea staging;

  /**
   * Opens (creating if needed) a store in {@code root} and removes stale temp files.
   *
   * @throws ServiceFailureException if the directories cannot be created
   */
  public LocalBlobStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      this.tempDir = Files.createDirectories(this.root.resolve("tmp"));
      this.staging = new StagingArea(this.root.resolve("staging"), tempDir);
      Files.createDirectories(this.root.resolve("sha256"));
      removeStaleTempFiles();
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
      temp = Files.createTempFile(tempDir, "stage-", ".part");
      writeAndSync(in, temp, hasher);
      hasher.verify();
      staging.install(stagingKey, temp, hasher.size(), hasher.sha256());
      return new StagedObject(stagingKey, hasher.size(), hasher.sha256());
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

  private static void writeAndSync(InputStream in, Path file, ContentHasher hasher)
      throws IOException {
    byte[] buffer = new byte[LocalFiles.BUFFER_SIZE];
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (int n = hasher.read(in, buffer, 0, buffer.length);
          n >= 0;
          n = hasher.read(in, buffer, 0, buffer.length)) {
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        while (chunk.hasRemaining()) {
          channel.write(chunk);
        }
      }
      channel.force(true);
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
    Claimed claimed;
    try {
      claimed =
          staging
              .claim(stagingKey)
              .orElseThrow(() -> new NotFoundException("No staged object: %s", stagingKey));
    } catch (IOException e) {
      throw new ServiceFailureException(e, "Cannot commit %s: %s", stagingKey, e);
    }
    try {
      String sha256 =
          claimed.sha256() != null ? claimed.sha256() : LocalFiles.sha256(claimed.file());
      ContentHasher.verifySha256(stagingKey, expectedSha256, sha256);
      BlobRef blob = new BlobRef(sha256, claimed.size());
      store(claimed.file(), blob);
      return blob;
    } catch (IOException | RuntimeException e) {
      LocalFiles.deleteQuietly(claimed.file());
      if (e instanceof AcaiException acai) {
        throw acai;
      }
      throw new ServiceFailureException(e, "Cannot commit %s: %s", stagingKey, e);
    }
  }

  /** Moves claimed bytes to the content address, unless identical content is there already. */
  private void store(Path claimedFile, BlobRef blob) throws IOException {
    Path target = path(blob);
    if (Files.isRegularFile(target) && Files.size(target) == blob.size()) {
      Files.delete(claimedFile);
      return;
    }
    LocalFiles.makeReadOnly(claimedFile);
    Path parent = target.getParent();
    if (!Files.isDirectory(parent)) {
      Files.createDirectories(parent);
      // New fan-out directories must be durable too, or the blob could vanish with them.
      LocalFiles.fsyncDirectory(parent.getParent());
      LocalFiles.fsyncDirectory(parent.getParent().getParent());
    }
    // Two commits of the same content may race here; either rename wins with identical bytes.
    Files.move(claimedFile, target, StandardCopyOption.ATOMIC_MOVE);
    LocalFiles.fsyncDirectory(parent);
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
  public String describe() {
    return "local disk at " + root;
  }

  @Override
  public void close() {
    // Nothing to release: every operation opens and closes its own files.
  }

  private void removeStaleTempFiles() throws IOException {
    FileTime cutoff = FileTime.from(Instant.now().minus(STALE_TEMP));
    try (Stream<Path> files = Files.list(tempDir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.getLastModifiedTime(file).compareTo(cutoff) < 0) {
          LocalFiles.deleteQuietly(file);
        }
      }
    }
  }
}
