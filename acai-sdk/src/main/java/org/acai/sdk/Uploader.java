package org.acai.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.acai.api.error.AcaiException;
import org.acai.api.error.ServiceFailureException;
import org.acai.api.storage.StartUploadRequest;
import org.acai.api.storage.UploadSession;
import org.acai.api.storage.UploadTarget;
import org.acai.sdk.internal.Transport;
import org.acai.sdk.transfer.BatchTransfers;
import org.acai.sdk.transfer.LocalFile;
import org.acai.sdk.transfer.TransferListener;
import org.acai.sdk.transfer.TransferOptions;
import org.acai.sdk.transfer.Transfers;
import org.acai.sdk.transfer.UploadTask;

/**
 * One upload batch through upload sessions: every small file is read once for its size and SHA-256
 * and every large one measured, then each session (up to {@value #SESSION_FILES} files) is started
 * with those declarations, its bytes PUT in parallel (large files hashed on the way), and finished
 * with the digests of the large files, which the server checks before it commits; a session whose
 * transfers fail is aborted.
 */
final class Uploader {
  /** The server's limit of files per upload session. */
  static final int SESSION_FILES = 10_000;

  private final Transport transport;
  private final Transfers transfers;

  private final SmallFileBatches batches;

  Uploader(Transport transport, Transfers transfers) {
    this.transport = transport;
    this.transfers = transfers;
    this.batches = new SmallFileBatches(new BatchTransfers(transport));
  }

  /**
   * Uploads the pairs in order; returns (local, remote:version) pairs in the same order.
   *
   * @param sizes local files' sizes already known, by local path (the others are measured)
   */
  List<FilePair> upload(List<FilePair> pairs, Map<String, Long> sizes, TransferOptions options) {
    return upload(pairs, sizes, options, null).pairs();
  }

  /**
   * Uploads the pairs as {@link #upload(List, Map, TransferOptions)} does; with {@code drafts} (not
   * null), batches also fill a file-set draft that it opens.
   */
  SmallFileBatches.Batched upload(
      List<FilePair> pairs,
      Map<String, Long> sizes,
      TransferOptions options,
      Supplier<Long> drafts) {
    if (pairs.isEmpty()) {
      return new SmallFileBatches.Batched(List.of(), null, List.of());
    }
    return batches
        .upload(pairs, sizes, options, this::sessions, drafts)
        .orElseGet(
            () -> {
              List<FilePair> sent = sessions(pairs, options);
              return new SmallFileBatches.Batched(sent, null, sent);
            });
  }

  /** Uploads the pairs through upload sessions. */
  private List<FilePair> sessions(List<FilePair> pairs, TransferOptions options) {
    List<Path> locals = pairs.stream().map(pair -> Path.of(pair.local())).toList();
    List<LocalFile> files = transfers.describe(locals, options);
    long totalBytes = files.stream().mapToLong(LocalFile::size).sum();
    List<FilePair> uploaded = new ArrayList<>();
    long bytesBefore = 0;
    for (int start = 0; start < pairs.size(); start += SESSION_FILES) {
      int end = Math.min(pairs.size(), start + SESSION_FILES);
      TransferOptions sessionOptions =
          withOffset(options, bytesBefore, start, totalBytes, pairs.size());
      uploaded.addAll(
          session(pairs.subList(start, end), files.subList(start, end), sessionOptions));
      bytesBefore += files.subList(start, end).stream().mapToLong(LocalFile::size).sum();
    }
    return uploaded;
  }

  private List<FilePair> session(
      List<FilePair> pairs, List<LocalFile> files, TransferOptions options) {
    // Large files are hashed while they are sent: their digests are declared at the finish, and
    // only the finish commits the session.
    boolean hashedOnTheWay = files.stream().anyMatch(file -> file.sha256() == null);
    UploadSession session =
        transport.post(
            "/storage/start_file_upload_session",
            new StartUploadRequest(
                pairs.stream().map(FilePair::remote).toList(),
                files.stream().map(LocalFile::size).toList(),
                files.stream().map(LocalFile::sha256).toList(),
                hashedOnTheWay ? Boolean.TRUE : null),
            UploadSession.class);
    UploadSession done;
    try {
      List<UploadTask> tasks = new ArrayList<>();
      for (int i = 0; i < pairs.size(); i++) {
        LocalFile file = files.get(i);
        UploadTarget target = session.files().get(i);
        tasks.add(
            new UploadTask(
                target.s3Url(),
                file.path(),
                file.size(),
                target.partUrls(),
                target.partSize() == null ? 0 : target.partSize(),
                UploadTarget.CRC32C.equals(target.receipt())));
      }
      List<String> sent = transfers.upload(tasks, options);
      Map<String, Object> finish = new LinkedHashMap<>();
      finish.put("session_id", session.sessionId());
      if (hashedOnTheWay) {
        finish.put("sha256s", sent);
      }
      done = transport.post("/storage/finish_file_upload_session", finish, UploadSession.class);
    } catch (RuntimeException e) {
      abort(session.sessionId(), e);
      throw e;
    }
    List<String> ids = done.uploadedFileIds();
    if (ids == null || ids.size() != pairs.size()) {
      throw new ServiceFailureException(
          "Upload session %s finished with %d ids for %d files",
          session.sessionId(), ids == null ? 0 : ids.size(), pairs.size());
    }
    List<FilePair> uploaded = new ArrayList<>();
    for (int i = 0; i < pairs.size(); i++) {
      uploaded.add(new FilePair(pairs.get(i).local(), ids.get(i)));
    }
    return uploaded;
  }

  /** Frees the session's staged bytes at once instead of at its expiry; the first error wins. */
  private void abort(String sessionId, RuntimeException cause) {
    try {
      transport.post(
          "/storage/abort_file_upload_session", Map.of("session_id", sessionId), JsonNode.class);
    } catch (AcaiException e) {
      cause.addSuppressed(e);
    }
  }

  /** Reports one part's progress (a session, a batch) as part of the whole upload. */
  static TransferOptions withOffset(
      TransferOptions options, long bytesBefore, int filesBefore, long totalBytes, int totalFiles) {
    TransferListener listener = options.listener();
    if (listener == TransferListener.NONE) {
      return options;
    }
    return options.toBuilder()
        .listener(
            (bytes, sessionBytes, files, sessionFiles) ->
                listener.progress(bytesBefore + bytes, totalBytes, filesBefore + files, totalFiles))
        .build();
  }
}
