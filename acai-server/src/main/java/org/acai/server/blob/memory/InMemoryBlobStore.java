package org.acai.server.blob.memory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.NotFoundException;
import org.acai.server.blob.BlobKeys;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.StagedObject;
import org.acai.server.blob.SupportsDeletion;
import org.acai.server.blob.SupportsListing;
import org.acai.server.blob.internal.ContentHasher;

/**
 * A {@link BlobStore} on the heap, for fast tests; it keeps the same contract as the durable
 * stores. Thread-safe.
 */
public final class InMemoryBlobStore implements BlobStore, SupportsDeletion, SupportsListing {
  private static final int BUFFER_SIZE = 64 * 1024;

  private final Map<String, Staged> staged = new ConcurrentHashMap<>();
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();

  /** Staged bytes with their hash; never mutated after creation. */
  private static final class Staged {
    private final byte[] bytes;
    private final String sha256;

    Staged(byte[] bytes, String sha256) {
      this.bytes = bytes;
      this.sha256 = sha256;
    }

    byte[] bytes() {
      return bytes;
    }

    String sha256() {
      return sha256;
    }
  }

  @Override
  public StagedObject stage(
      String stagingKey, InputStream in, Long expectedSize, String expectedSha256) {
    BlobKeys.checkStagingKey(stagingKey);
    ContentHasher hasher = new ContentHasher(stagingKey, expectedSize, expectedSha256);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[BUFFER_SIZE];
    try {
      for (int n = hasher.read(in, buffer, 0, buffer.length);
          n >= 0;
          n = hasher.read(in, buffer, 0, buffer.length)) {
        bytes.write(buffer, 0, n);
      }
      hasher.verify();
    } catch (RuntimeException e) {
      staged.remove(stagingKey);
      throw e;
    }
    staged.put(stagingKey, new Staged(bytes.toByteArray(), hasher.sha256()));
    return new StagedObject(stagingKey, hasher.size(), hasher.sha256(), hasher.crc32c());
  }

  @Override
  public Optional<StagedObject> inspect(String stagingKey) {
    BlobKeys.checkStagingKey(stagingKey);
    return Optional.ofNullable(staged.get(stagingKey))
        .map(s -> new StagedObject(stagingKey, s.bytes().length, s.sha256()));
  }

  @Override
  public BlobRef commit(String stagingKey, String expectedSha256) {
    BlobKeys.checkStagingKey(stagingKey);
    Staged object = staged.remove(stagingKey);
    if (object == null) {
      throw new NotFoundException("No staged object: %s", stagingKey);
    }
    ContentHasher.verifySha256(stagingKey, expectedSha256, object.sha256());
    blobs.putIfAbsent(object.sha256(), object.bytes());
    return new BlobRef(object.sha256(), object.bytes().length);
  }

  @Override
  public void discard(String stagingKey) {
    staged.remove(BlobKeys.checkStagingKey(stagingKey));
  }

  @Override
  public InputStream open(BlobRef blob) {
    byte[] bytes = blobs.get(blob.sha256());
    if (bytes == null) {
      throw new NoSuchFileException("No such blob: %s", blob.sha256());
    }
    return new ByteArrayInputStream(bytes);
  }

  @Override
  public boolean exists(BlobRef blob) {
    return blobs.containsKey(blob.sha256());
  }

  @Override
  public void delete(List<BlobRef> refs) {
    refs.forEach(blob -> blobs.remove(blob.sha256()));
  }

  /** How many distinct blobs are stored; lets tests observe deduplication. */
  public int blobCount() {
    return blobs.size();
  }

  @Override
  public String describe() {
    return "in memory";
  }

  @Override
  public void close() {
    // Nothing to release: the maps go with the instance.
  }

  @Override
  public void forEachBlob(Consumer<BlobRef> action) {
    blobs.forEach((sha256, bytes) -> action.accept(new BlobRef(sha256, bytes.length)));
  }
}
