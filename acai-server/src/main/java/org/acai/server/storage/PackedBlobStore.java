package org.acai.server.storage;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import org.acai.api.error.NoSuchFileException;
import org.acai.server.blob.BlobConfig;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.StagedObject;
import org.acai.server.blob.SupportsBatchCommit;
import org.acai.server.blob.SupportsDeletion;
import org.acai.server.blob.SupportsListing;
import org.acai.server.blob.SupportsLocalFiles;
import org.acai.server.blob.local.SegmentReads;
import org.acai.server.blob.local.SegmentStore;
import org.jdbi.v3.core.Jdbi;

/**
 * A local blob store plus segments of packed small blobs: a blob is a loose file of the store (what
 * upload sessions commit) or a range of a segment (what batch uploads write), found through the
 * segment index in PostgreSQL. Reads try the loose file first. Everything else is the local
 * store's. Thread-safe.
 */
public final class PackedBlobStore
    implements BlobStore,
        SupportsLocalFiles,
        SupportsBatchCommit,
        SupportsDeletion,
        SupportsListing {
  private final BlobStore loose;
  private final SegmentStore segments;
  private final Jdbi jdbi;

  private PackedBlobStore(BlobStore loose, SegmentStore segments, Jdbi jdbi) {
    this.loose = loose;
    this.segments = segments;
    this.jdbi = jdbi;
  }

  /**
   * Adds segments to a local store (in {@code segments/} beside its blobs); returns other stores
   * (S3, memory) unchanged, since they take uploads through their own URLs.
   */
  public static BlobStore wrap(BlobStore store, BlobConfig config, Jdbi jdbi) {
    if (config.backend() == BlobConfig.Backend.LOCAL
        && store instanceof SupportsLocalFiles
        && store instanceof SupportsBatchCommit) {
      return new PackedBlobStore(store, new SegmentStore(config.localRoot()), jdbi);
    }
    return store;
  }

  /** The segment files. */
  public SegmentStore segments() {
    return segments;
  }

  Jdbi jdbi() {
    return jdbi;
  }

  /** Whether a blob is stored as a loose file (which a batch then needs not store again). */
  boolean existsLoose(BlobRef blob) {
    return loose.exists(blob);
  }

  @Override
  public StagedObject stage(
      String stagingKey, InputStream in, Long expectedSize, String expectedSha256) {
    return loose.stage(stagingKey, in, expectedSize, expectedSha256);
  }

  @Override
  public Optional<StagedObject> inspect(String stagingKey) {
    return loose.inspect(stagingKey);
  }

  @Override
  public BlobRef commit(String stagingKey, String expectedSha256) {
    return loose.commit(stagingKey, expectedSha256);
  }

  @Override
  public List<BlobRef> commitAll(
      List<String> stagingKeys, List<String> expectedSha256s, ExecutorService pool) {
    if (loose instanceof SupportsBatchCommit batch) {
      return batch.commitAll(stagingKeys, expectedSha256s, pool);
    }
    List<BlobRef> refs = new ArrayList<>();
    for (int i = 0; i < stagingKeys.size(); i++) {
      refs.add(loose.commit(stagingKeys.get(i), expectedSha256s.get(i)));
    }
    return refs;
  }

  /**
   * Deletes blobs no version references: their loose files, and their rows of the segment index
   * (the garbage collector calls this holding its guard, so no batch commit reuses them meanwhile).
   * The bytes of packed blobs stay in their segment files until the garbage collector compacts the
   * segment (see {@code org.acai.server.lifecycle.SegmentCompactor}).
   */
  @Override
  public void delete(List<BlobRef> blobs) {
    if (loose instanceof SupportsDeletion deletion) {
      deletion.delete(blobs);
    }
    List<String> shas = blobs.stream().map(BlobRef::sha256).toList();
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate("DELETE FROM packed_blobs WHERE sha256 = ANY(:shas)")
                .bindArray("shas", String.class, shas)
                .execute());
  }

  /** Lists the loose blobs; packed ones are the rows of the segment index. */
  @Override
  public void forEachBlob(Consumer<BlobRef> action) {
    if (loose instanceof SupportsListing listing) {
      listing.forEachBlob(action);
    }
  }

  @Override
  public void discard(String stagingKey) {
    loose.discard(stagingKey);
  }

  @Override
  public InputStream open(BlobRef blob) {
    if (loose.exists(blob)) {
      return loose.open(blob);
    }
    SegmentIndex.Location location =
        jdbi.withHandle(handle -> new SegmentIndex(handle).find(blob.sha256()))
            .orElseThrow(() -> new NoSuchFileException("No such blob: %s", blob.sha256()));
    return segments.open(location.segment(), location.offset(), location.size());
  }

  /** Reads of many blobs that share open segments (batch downloads); the caller closes it. */
  SegmentReads segmentReads() {
    return segments.reads();
  }

  /**
   * Opens a blob whose packed location the caller looked up already (batch downloads), through
   * {@code reads} when it is packed.
   */
  InputStream open(BlobRef blob, Optional<SegmentIndex.Location> packed, SegmentReads reads) {
    if (packed.isPresent()) {
      SegmentIndex.Location location = packed.get();
      return reads.open(location.segment(), location.offset(), location.size());
    }
    return loose.open(blob);
  }

  @Override
  public boolean exists(BlobRef blob) {
    return loose.exists(blob)
        || jdbi.withHandle(handle -> new SegmentIndex(handle).find(blob.sha256())).isPresent();
  }

  /** The loose file of a blob; a packed blob has none (it lies inside a segment). */
  @Override
  public Path path(BlobRef blob) {
    return ((SupportsLocalFiles) loose).path(blob);
  }

  @Override
  public Optional<String> crc32c(BlobRef blob) {
    return ((SupportsLocalFiles) loose).crc32c(blob);
  }

  @Override
  public String describe() {
    return loose.describe() + " with small files packed in " + segments.directory();
  }

  @Override
  public void close() {
    loose.close();
  }
}
