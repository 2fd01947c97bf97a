package org.acai.server.storage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.ServiceFailureException;
import org.acai.server.blob.BlobGuard;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.SupportsBatchCommit;
import org.acai.server.quota.Quotas;
import org.acai.server.storage.SessionStore.Session;
import org.acai.server.storage.SessionStore.SessionFile;
import org.jdbi.v3.core.Handle;

/**
 * Turns a session whose files have all landed into file versions, inside the caller's transaction:
 * the blobs are committed in parallel (each one is independent disk or S3 work), then the versions
 * are assigned in request order with a fixed number of statements, however many files there are.
 */
final class SessionCommitter {
  private final BlobStore blobs;
  private final ExecutorService pool;
  private final VersionWriter writer;

  SessionCommitter(BlobStore blobs, ExecutorService pool) {
    this.blobs = blobs;
    this.pool = pool;
    this.writer = new VersionWriter();
  }

  void commit(Handle handle, Session session, List<SessionFile> files) {
    for (SessionFile file : files) {
      if (file.expectedSize() != null && file.landedSize() != file.expectedSize().longValue()) {
        throw new InvalidRequestException(
            "Cannot commit %s: uploaded %d bytes, declared %d",
            file.path(), file.landedSize(), file.expectedSize());
      }
    }
    Set<StoragePath> paths = new HashSet<>();
    files.forEach(file -> paths.add(file.path()));
    // Before any blob is touched: a GC sweep must not delete a blob this commit relies on.
    BlobGuard.lockForCommit(handle);
    VersionWriter.checkNoClash(handle, session.projectId(), paths);
    Quotas.checkUpload(
        handle,
        session.projectId(),
        files.size(),
        files.stream().mapToLong(SessionFile::landedSize).sum());
    // Durable blobs first: the versions below become visible when the transaction commits.
    List<BlobRef> blobRefs = commitBlobs(session, files);
    List<Integer> versions =
        writer.write(
            handle,
            session.projectId(),
            session.creatorId(),
            files.stream().map(SessionFile::path).toList(),
            blobRefs,
            null);
    new SessionStore(handle)
        .versioned(session.id(), files.stream().map(SessionFile::index).toList(), versions);
  }

  private List<BlobRef> commitBlobs(Session session, List<SessionFile> files) {
    if (blobs instanceof SupportsBatchCommit batch) {
      return batch.commitAll(
          files.stream().map(file -> file.stagingKey(session.id())).toList(),
          files.stream().map(SessionFile::expectedSha256).toList(),
          pool);
    }
    List<Callable<BlobRef>> commits = new ArrayList<>();
    for (SessionFile file : files) {
      commits.add(() -> commitBlob(session, file));
    }
    List<BlobRef> refs = new ArrayList<>();
    try {
      for (Future<BlobRef> future : pool.invokeAll(commits)) {
        refs.add(future.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceFailureException(e, "Interrupted while committing %s", session.id());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new ServiceFailureException(e, "Cannot commit upload session %s", session.id());
    }
    return refs;
  }

  /** Commits one file's blob; a refusal names the file, not its staging key. */
  private BlobRef commitBlob(Session session, SessionFile file) {
    try {
      return blobs.commit(file.stagingKey(session.id()), file.expectedSha256());
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException(e, "Cannot commit %s: %s", file.path(), e.getMessage());
    }
  }
}
