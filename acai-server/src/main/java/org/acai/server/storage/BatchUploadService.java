package org.acai.server.storage;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.acai.api.error.ConflictException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.PayloadTooLargeException;
import org.acai.api.error.ServiceFailureException;
import org.acai.api.storage.BatchLimits;
import org.acai.api.storage.BatchUploadResult;
import org.acai.server.auth.Principal;
import org.acai.server.blob.BlobGuard;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.internal.ContentHasher;
import org.acai.server.blob.local.SegmentWriter;
import org.acai.server.fileset.FileSetDrafts;
import org.acai.server.quota.Quotas;
import org.acai.server.storage.BatchFrameReader.Header;
import org.acai.server.storage.SegmentIndex.Packed;
import org.jdbi.v3.core.JdbiException;

/**
 * Batch uploads: many small files in one streamed request, each verified against its SHA-256 as it
 * arrives, new content appended to one new segment, which is fsynced once; then every file becomes
 * a version in one transaction, in request order. Content stored already (loose or packed, or
 * earlier in the same batch) is verified but not stored again. Thread-safe.
 */
public final class BatchUploadService {
  /** Most files in one batch. */
  public static final int MAX_FILES = 10_000;

  /** Largest file in a batch. */
  public static final long MAX_FILE_SIZE = 4L << 20;

  /** Most bytes in one batch. */
  public static final long MAX_BYTES = 1L << 30;

  /** Files are checked against the index in groups of about this many bytes or files. */
  private static final long GROUP_BYTES = 8L << 20;

  private static final int GROUP_FILES = 2048;

  private final PackedBlobStore blobs;
  private final VersionWriter writer;

  /** What a server without batches answers. */
  public static final BatchLimits DISABLED =
      new BatchLimits(false, MAX_FILES, MAX_FILE_SIZE, MAX_BYTES);

  private final long maxFileSize;

  /** A batch service whose files are at most {@code largestFile} bytes (the server's setting). */
  BatchUploadService(PackedBlobStore blobs, long largestFile) {
    this.blobs = blobs;
    this.writer = new VersionWriter();
    this.maxFileSize = Math.min(MAX_FILE_SIZE, largestFile);
  }

  /** The limits clients split their batches by. */
  public BatchLimits limits() {
    return new BatchLimits(true, MAX_FILES, maxFileSize, MAX_BYTES);
  }

  /** What a batch received: its files in request order, and the content it stored. */
  private static final class Received {
    final List<StoragePath> paths = new ArrayList<>();
    final List<BlobRef> blobs = new ArrayList<>();
    final List<Packed> packed = new ArrayList<>();
    final Set<String> reusedPacked = new HashSet<>();
    final Set<String> inBatch = new HashSet<>();
    final List<Header> group = new ArrayList<>();
    final List<byte[]> groupBytes = new ArrayList<>();
    long groupSize;
    long total;
  }

  /**
   * Reads a batch stream and commits it; with a {@code draft} (not null), its files also become
   * members of that file-set draft of the caller.
   *
   * @throws InvalidRequestException if the stream is malformed, a path is invalid, or bytes do not
   *     match their SHA-256; nothing is committed then
   * @throws PayloadTooLargeException past the limits
   * @throws ConflictException if a path clashes with a directory or a file, or is in the draft
   *     already
   * @throws org.acai.api.error.NoSuchFileSetException if the caller has no such open draft
   */
  public BatchUploadResult upload(Principal caller, InputStream body, Long draft) {
    SegmentWriter segment = blobs.segments().create();
    boolean committed = false;
    try {
      Quotas.Headroom headroom =
          blobs
              .jdbi()
              .withHandle(
                  handle -> {
                    if (draft != null) {
                      FileSetDrafts.check(handle, caller, draft);
                    }
                    return Quotas.headroom(handle, caller.projectKey());
                  });
      Received received = receive(body, segment, headroom);
      // Even empty content needs its row; a segment holding only empty blobs is 0 bytes long.
      boolean stored = !received.packed.isEmpty();
      long size = stored ? segment.finish() : 0;
      List<Integer> versions =
          blobs
              .jdbi()
              .inTransaction(
                  handle -> commit(handle, caller, received, stored ? segment : null, size, draft));
      committed = stored;
      List<String> ids = new ArrayList<>(versions.size());
      for (int i = 0; i < versions.size(); i++) {
        ids.add(received.paths.get(i).value() + ":" + versions.get(i));
      }
      return new BatchUploadResult(ids);
    } catch (IOException e) {
      throw new ServiceFailureException(e, "Cannot receive batch: %s", e.getMessage());
    } finally {
      if (!committed) {
        segment.delete();
      }
    }
  }

  /** Commits a received batch; {@code segment} is null when it stored no new content. */
  private List<Integer> commit(
      org.jdbi.v3.core.Handle handle,
      Principal caller,
      Received received,
      SegmentWriter segment,
      long size,
      Long draft) {
    long project = caller.projectKey();
    // As a session commit: a GC sweep must not delete a blob this batch relies on meanwhile.
    BlobGuard.lockForCommit(handle);
    if (draft != null) {
      FileSetDrafts.hold(handle, caller, draft);
    }
    VersionWriter.checkNoClash(handle, project, new LinkedHashSet<>(received.paths));
    SegmentIndex index = new SegmentIndex(handle);
    List<String> reused = new ArrayList<>(received.reusedPacked);
    Quotas.checkUpload(handle, project, received.paths.size(), received.total);
    if (index.present(reused) != reused.size()) {
      throw new ConflictException("Cannot upload batch: stored content vanished; try again");
    }
    if (segment != null) {
      index.record(segment.name(), size, received.packed);
    }
    List<Integer> versions;
    try {
      versions =
          writer.write(handle, project, caller.userId(), received.paths, received.blobs, draft);
    } catch (JdbiException e) {
      if (draft != null && FileSetDrafts.memberClash(e)) {
        throw new ConflictException(
            "Cannot upload batch: a path is in file set draft %d already (a file set holds one"
                + " version per path)",
            draft);
      }
      throw e;
    }
    if (draft != null) {
      FileSetDrafts.add(handle, caller, draft, received.paths.size(), received.total);
    }
    return versions;
  }

  private Received receive(InputStream body, SegmentWriter segment, Quotas.Headroom headroom)
      throws IOException {
    BatchFrameReader reader =
        new BatchFrameReader(
            new DataInputStream(new BufferedInputStream(body, 256 * 1024)), maxFileSize);
    reader.start();
    Received received = new Received();
    MessageDigest digest = ContentHasher.newDigest();
    for (Optional<Header> next = reader.next(); next.isPresent(); next = reader.next()) {
      Header header = next.get();
      if (received.paths.size() >= MAX_FILES) {
        throw new PayloadTooLargeException("Invalid batch: more than %d files", MAX_FILES);
      }
      received.total += header.size();
      if (received.total > MAX_BYTES) {
        throw new PayloadTooLargeException("Invalid batch: more than %d bytes", MAX_BYTES);
      }
      checkHeadroom(received, headroom);
      received.paths.add(StoragePath.file(header.name()));
      byte[] bytes = reader.body(header);
      digest.reset();
      String actual = HexFormat.of().formatHex(digest.digest(bytes));
      if (!actual.equals(header.sha256())) {
        throw new InvalidRequestException(
            "Invalid batch: the bytes of %s do not match their SHA-256 (got %s, declared %s)",
            header.name(), actual, header.sha256());
      }
      received.blobs.add(new BlobRef(actual, bytes.length));
      received.group.add(header);
      received.groupBytes.add(bytes);
      received.groupSize += bytes.length;
      if (received.groupSize >= GROUP_BYTES || received.group.size() >= GROUP_FILES) {
        store(received, segment);
      }
    }
    store(received, segment);
    if (received.paths.isEmpty()) {
      throw new InvalidRequestException("Invalid batch: no files");
    }
    return received;
  }

  /** Refuses, before its bytes are read, a file that would take the project past a quota. */
  private static void checkHeadroom(Received received, Quotas.Headroom headroom) {
    headroom.check(received.paths.size() + 1L, received.total);
  }

  /** Appends the group's new content to the segment; what is stored already is not. */
  private void store(Received received, SegmentWriter segment) {
    if (received.group.isEmpty()) {
      return;
    }
    List<String> digests = received.group.stream().map(Header::sha256).distinct().toList();
    Set<String> packed = blobs.jdbi().withHandle(handle -> new SegmentIndex(handle).known(digests));
    for (int i = 0; i < received.group.size(); i++) {
      Header header = received.group.get(i);
      String sha = header.sha256();
      if (received.inBatch.contains(sha)) {
        continue;
      }
      received.inBatch.add(sha);
      if (packed.contains(sha)) {
        received.reusedPacked.add(sha);
      } else if (!blobs.existsLoose(new BlobRef(sha, header.size()))) {
        byte[] bytes = received.groupBytes.get(i);
        long offset = segment.append(bytes, 0, bytes.length);
        received.packed.add(new Packed(sha, bytes.length, offset));
      }
    }
    received.group.clear();
    received.groupBytes.clear();
    received.groupSize = 0;
  }
}
