package org.acai.server.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.acai.api.error.ServiceFailureException;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.StagedObject;
import org.acai.server.storage.SessionStore.SessionFile;

/**
 * Asks the blob store which of a session's files have landed. The staging area is the truth (the
 * bytes may arrive through the server or straight at S3); the database only caches it. Lookups run
 * in parallel, since on S3 each one is a request.
 */
final class LandingCheck {
  private final BlobStore blobs;
  private final ExecutorService pool;

  LandingCheck(BlobStore blobs, ExecutorService pool) {
    this.blobs = blobs;
    this.pool = pool;
  }

  /**
   * Records in the database every file that has landed since it was last asked.
   *
   * @return whether all files have landed
   */
  boolean allLanded(SessionStore store, UUID session, List<SessionFile> files) {
    List<SessionFile> pending = files.stream().filter(file -> !file.landed()).toList();
    if (pending.isEmpty()) {
      return true;
    }
    List<Callable<Optional<StagedObject>>> lookups = new ArrayList<>();
    for (SessionFile file : pending) {
      lookups.add(() -> blobs.inspect(file.stagingKey(session)));
    }
    List<Integer> indexes = new ArrayList<>();
    List<Long> sizes = new ArrayList<>();
    List<String> digests = new ArrayList<>();
    List<Optional<StagedObject>> found = run(session, lookups);
    for (int i = 0; i < pending.size(); i++) {
      found
          .get(i)
          .ifPresent(
              staged -> {
                sizes.add(staged.size());
                digests.add(staged.sha256());
              });
      if (found.get(i).isPresent()) {
        indexes.add(pending.get(i).index());
      }
    }
    if (!indexes.isEmpty()) {
      store.landed(session, indexes, sizes, digests);
    }
    return indexes.size() == pending.size();
  }

  private List<Optional<StagedObject>> run(
      UUID session, List<Callable<Optional<StagedObject>>> lookups) {
    List<Optional<StagedObject>> results = new ArrayList<>();
    try {
      for (Future<Optional<StagedObject>> future : pool.invokeAll(lookups)) {
        results.add(future.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceFailureException(e, "Interrupted while checking upload session %s", session);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new ServiceFailureException(e, "Cannot check upload session %s", session);
    }
    return results;
  }
}
