package org.acai.sdk.transfer;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.acai.api.error.AcaiException;
import org.acai.api.error.ErrorCode;
import org.acai.api.error.ServiceFailureException;
import org.acai.api.storage.BatchFormat;
import org.acai.api.storage.BatchLimits;
import org.acai.api.storage.BatchUploadResult;
import org.acai.sdk.internal.Transport;

/**
 * Batch transfers of many small files in one streamed request each way ({@link BatchFormat}), for
 * servers whose limits say they take them (the local blob store); see {@link #limits()}.
 * Thread-safe.
 */
public final class BatchTransfers {
  private static final BatchLimits DISABLED = new BatchLimits(false, 0, 0, 0);

  /** Threads that ask for the next part of a download while the current one is written. */
  private static final ExecutorService OPENERS =
      Executors.newCachedThreadPool(Daemons.threads("acai-batch-next"));

  private final Transport transport;
  private volatile BatchLimits limits;

  /** Batch transfers with the server behind {@code transport}. */
  public BatchTransfers(Transport transport) {
    this.transport = transport;
  }

  /** The server's batch limits, asked once; disabled for servers without batches. */
  public BatchLimits limits() {
    BatchLimits known = limits;
    if (known == null) {
      try {
        known = transport.get("/storage/batch_limits", Map.of(), BatchLimits.class);
      } catch (AcaiException e) {
        if (e.code() != ErrorCode.NOT_FOUND) {
          throw e;
        }
        known = DISABLED;
      }
      limits = known;
    }
    return known;
  }

  /**
   * Uploads one batch (within {@link #limits()}): every file becomes a version in one transaction.
   *
   * @return the explicit ids {@code path:version}, in order
   * @throws AcaiException what the server answered; nothing is committed then
   */
  public List<String> upload(List<Path> files, List<String> remotes, TransferOptions options) {
    return upload(files, remotes, totalSize(files), options);
  }

  /**
   * Uploads one batch as {@link #upload(List, List, TransferOptions)} does, its files' total size
   * known already (progress counts against it): no file is looked up before it is read.
   */
  public List<String> upload(
      List<Path> files, List<String> remotes, long bytes, TransferOptions options) {
    return upload(files, remotes, bytes, null, options);
  }

  /**
   * Uploads one batch as {@link #upload(List, List, long, TransferOptions)} does; with a file-set
   * {@code draft} (not null), its versions also become members of that draft, in the same
   * transaction.
   */
  public List<String> upload(
      List<Path> files, List<String> remotes, long bytes, Long draft, TransferOptions options) {
    Progress progress = new Progress(options.listener(), bytes, files.size());
    String path = draft == null ? "/storage/upload_batch" : "/storage/upload_batch?draft=" + draft;
    BatchUploadResult result;
    try {
      result = send(path, files, remotes, progress);
    } catch (AcaiException e) {
      // The server refuses a batch whose deduplicated content a garbage collection removed while
      // it streamed (nothing is committed then); sent again, that content is stored anew.
      if (e.code() != ErrorCode.CONFLICT) {
        throw e;
      }
      result = send(path, files, remotes, progress);
    }
    if (result.uploadedFileIds() == null || result.uploadedFileIds().size() != files.size()) {
      throw new ServiceFailureException("A batch upload of %d files came back short", files.size());
    }
    return result.uploadedFileIds();
  }

  private BatchUploadResult send(
      String path, List<Path> files, List<String> remotes, Progress progress) {
    return transport.postStream(
        path,
        BatchFormat.MEDIA_TYPE,
        () -> new UploadFrames(files, remotes, progress),
        BatchUploadResult.class);
  }

  /**
   * Downloads files named by explicit id in one stream, each checked against its SHA-256: a new
   * file is written in place (and removed if its bytes do not match), one that exists is replaced
   * whole.
   *
   * @param ids explicit ids {@code path:version}
   * @param targets where each goes (parents exist)
   * @throws AcaiException what the server answered, or a failure if the stream is damaged
   */
  public void download(List<String> ids, List<Path> targets, TransferOptions options) {
    download(ids, targets, null, options);
  }

  /**
   * Downloads members of a file set as {@link #download(List, List, TransferOptions)} does files:
   * through the set, the versions it pins are read even once they are in the trash.
   *
   * @param fileSet the set's explicit id {@code name:N}, or null for files of the project
   */
  public void download(
      List<String> ids, List<Path> targets, String fileSet, TransferOptions options) {
    download(List.of(new DownloadPart(ids, targets, options)), fileSet);
  }

  /** Files named by explicit id {@code path:version}, where each goes, and whom to tell. */
  public record DownloadPart(List<String> ids, List<Path> targets, TransferOptions options) {}

  /**
   * Downloads the parts in order as {@link #download(List, List, String, TransferOptions)} does
   * each, one stream at a time, but asks for part k+1 as soon as part k's answer has begun: the
   * server resolves and locates the next part's files (a database round of tens of milliseconds per
   * thousands of files) while this side writes the current part's. The parts are written one after
   * another on the calling thread (callers that want several streams run several such downloads
   * side by side). If a part fails, the next one's answer is closed unread.
   */
  public void download(List<DownloadPart> parts, String fileSet) {
    if (parts.isEmpty()) {
      return;
    }
    BatchAnswer current = open(parts.get(0), fileSet);
    for (int k = 0; k < parts.size(); k++) {
      CompletableFuture<BatchAnswer> next = null;
      if (k + 1 < parts.size()) {
        DownloadPart part = parts.get(k + 1);
        next = CompletableFuture.supplyAsync(() -> open(part, fileSet), OPENERS);
      }
      try (BatchAnswer answer = current) {
        answer.receive(parts.get(k));
      } catch (RuntimeException e) {
        if (next != null) {
          // Closed once it has come, whether or not it came.
          var unused = next.thenAccept(BatchAnswer::close);
        }
        throw e;
      }
      if (next != null) {
        current = joined(next);
      }
    }
  }

  /** Asks for one part: its answer, past the magic that opens a batch stream. */
  private BatchAnswer open(DownloadPart part, String fileSet) {
    Map<String, Object> request =
        fileSet == null
            ? Map.of("paths", part.ids())
            : Map.of("paths", part.ids(), "file_set", fileSet);
    InputStream body = transport.postForStream("/storage/download_batch", request);
    BatchAnswer answer =
        new BatchAnswer(new DataInputStream(new BufferedInputStream(body, 256 * 1024)));
    try {
      byte[] magic = new byte[BatchFormat.DOWNLOAD_MAGIC.length];
      answer.in.readFully(magic);
      if (!Arrays.equals(magic, BatchFormat.DOWNLOAD_MAGIC)) {
        throw new ServiceFailureException("The server's batch download is not a batch stream");
      }
      return answer;
    } catch (IOException | RuntimeException e) {
      answer.close();
      throw failure(e);
    }
  }

  private static BatchAnswer joined(CompletableFuture<BatchAnswer> next) {
    try {
      return next.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static RuntimeException failure(Exception e) {
    if (e instanceof RuntimeException runtime) {
      return runtime;
    }
    if (e instanceof EOFException) {
      return new ServiceFailureException(e, "A batch download ended early");
    }
    return new ServiceFailureException(e, "Cannot download a batch: %s", e.getMessage());
  }

  /** The stream of one part's answer. */
  private record BatchAnswer(DataInputStream in) implements AutoCloseable {
    /** Receives every file of the part, then the end of the stream. */
    void receive(DownloadPart part) {
      List<String> ids = part.ids();
      Progress progress = new Progress(part.options().listener(), 0, ids.size());
      try {
        MessageDigest digest = Sha256.newDigest();
        // One random name per batch, numbered per file: a random number per file costs more.
        String temporary = "." + UUID.randomUUID() + "-";
        Progress.Attempt attempt = progress.attempt();
        for (int i = 0; i < ids.size(); i++) {
          attempt.add(
              BatchTransfers.receive(in, ids.get(i), part.targets().get(i), digest, temporary + i));
          progress.fileDone();
        }
        if (in.readUnsignedByte() != BatchFormat.END) {
          throw new ServiceFailureException("A batch download sent more files than asked for");
        }
      } catch (IOException e) {
        throw failure(e);
      }
    }

    @Override
    public void close() {
      try {
        in.close();
      } catch (IOException e) {
        // Nothing more is read from it.
      }
    }
  }

  /** Receives one file into place through a temporary file of that name; returns its size. */
  private static long receive(
      DataInputStream in, String id, Path target, MessageDigest digest, String temporary)
      throws IOException {
    if (in.readUnsignedByte() != BatchFormat.FILE) {
      throw new ServiceFailureException("A batch download ended before %s", id);
    }
    byte[] name = new byte[in.readUnsignedShort()];
    in.readFully(name);
    String got = new String(name, StandardCharsets.UTF_8);
    long size = in.readLong();
    byte[] sha256 = new byte[32];
    in.readFully(sha256);
    if (!got.equals(id) && !got.startsWith(id + ":")) {
      throw new ServiceFailureException("A batch download sent %s where %s was due", got, id);
    }
    // A new file is written in place, as cp writes it (a temporary file and a rename cost the
    // file system about half as much again per small file); one that exists already is replaced
    // whole through a temporary file. Either way a file whose bytes do not match is removed.
    Path written = target;
    OutputStream opened;
    try {
      opened =
          Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      written = target.resolveSibling("." + target.getFileName() + temporary + ".part");
      opened = Files.newOutputStream(written);
    }
    digest.reset();
    boolean placed = false;
    try {
      try (OutputStream out = opened) {
        write(in, out, size, digest);
      }
      if (!Arrays.equals(digest.digest(), sha256)) {
        throw new ServiceFailureException(
            "The bytes of %s do not match their SHA-256 %s", got, HexFormat.of().formatHex(sha256));
      }
      if (!written.equals(target)) {
        Files.move(
            written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      placed = true;
    } finally {
      if (!placed) {
        Files.deleteIfExists(written);
      }
    }
    return size;
  }

  private static void write(DataInputStream in, OutputStream out, long size, MessageDigest digest)
      throws IOException {
    byte[] buffer = new byte[(int) Math.min(1 << 20, Math.max(1, size))];
    for (long left = size; left > 0; ) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException();
      }
      digest.update(buffer, 0, n);
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static long totalSize(List<Path> files) {
    long total = 0;
    for (Path file : files) {
      try {
        total += Files.size(file);
      } catch (IOException e) {
        // Reading it fails with a clear error soon enough.
      }
    }
    return total;
  }
}
