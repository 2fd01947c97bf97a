package org.acai.server.storage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.acai.api.error.ConflictException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.ServiceFailureException;
import org.acai.server.blob.BlobGuard;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.SupportsBatchCommit;
import org.acai.server.storage.BatchFileStore.NewVersion;
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
  private final VersionListener listener;

  SessionCommitter(BlobStore blobs, ExecutorService pool, VersionListener listener) {
    this.blobs = blobs;
    this.pool = pool;
    this.listener = listener;
  }

  void commit(Handle handle, Session session, List<SessionFile> files) {
    for (SessionFile file : files) {
      if (file.expectedSize() != null && file.landedSize() != file.expectedSize().longValue()) {
        throw new InvalidRequestException(
            "Cannot commit %s: uploaded %d bytes, declared %d",
            file.path(), file.landedSize(), file.expectedSize());
      }
    }
    // Paths in sorted order: head rows are locked in that order, so sessions cannot deadlock.
    Map<StoragePath, List<Integer>> byPath =
        new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
    for (SessionFile file : files) {
      byPath.computeIfAbsent(file.path(), path -> new ArrayList<>()).add(file.index());
    }
    BatchFileStore store = new BatchFileStore(handle);
    // Before any blob is touched: a GC sweep must not delete a blob this commit relies on.
    BlobGuard.lockForCommit(handle);
    checkNoClash(store, session.projectId(), byPath.keySet());
    // Durable blobs first: the versions below become visible when the transaction commits.
    List<BlobRef> blobRefs = commitBlobs(session, files);
    List<StoragePath> paths = new ArrayList<>(byPath.keySet());
    Map<String, Integer> first =
        store.reserveVersions(
            session.projectId(), paths, paths.stream().map(p -> byPath.get(p).size()).toList());
    store.ensureDirectories(session.projectId(), directories(paths));
    List<NewVersion> versions = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    for (Map.Entry<StoragePath, List<Integer>> entry : byPath.entrySet()) {
      int version = first.get(entry.getKey().value());
      for (int index : entry.getValue()) {
        BlobRef blob = blobRefs.get(index);
        versions.add(new NewVersion(entry.getKey(), version++, blob.sha256(), blob.size()));
        indexes.add(index);
      }
    }
    Map<String, Long> ids =
        store.insertVersions(session.projectId(), session.creatorId(), versions);
    new SessionStore(handle)
        .versioned(session.id(), indexes, versions.stream().map(NewVersion::version).toList());
    long now = System.currentTimeMillis();
    List<FileVersion> created = new ArrayList<>(versions.size());
    for (NewVersion version : versions) {
      String id = version.path() + ":" + version.version();
      created.add(
          new FileVersion(
              ids.get(id),
              version.path(),
              version.version(),
              version.sha256(),
              version.size(),
              session.creatorId(),
              now));
    }
    listener.created(handle, session.projectId(), created);
  }

  /** Refuses paths that are directories, lie below files, or lie below each other. */
  private static void checkNoClash(BatchFileStore store, long project, Set<StoragePath> paths) {
    List<String> values = paths.stream().map(StoragePath::value).toList();
    store
        .firstDirectory(project, values)
        .ifPresent(
            dir -> {
              throw new ConflictException("Cannot upload %s: a directory of that name exists", dir);
            });
    Set<String> uploaded = new HashSet<>(values);
    Set<String> ancestors = new TreeSet<>();
    for (StoragePath path : paths) {
      for (StoragePath dir : path.ancestors()) {
        if (uploaded.contains(dir.value())) {
          throw new ConflictException("Cannot upload %s: %s is a file, not a directory", path, dir);
        }
        ancestors.add(dir.value());
      }
    }
    if (ancestors.isEmpty()) {
      return;
    }
    store
        .firstFile(project, new ArrayList<>(ancestors))
        .ifPresent(
            file -> {
              StoragePath below =
                  paths.stream()
                      .filter(path -> path.value().startsWith(file + "/"))
                      .findFirst()
                      .orElseThrow();
              throw new ConflictException(
                  "Cannot upload %s: %s is a file, not a directory", below, file);
            });
  }

  private static List<StoragePath> directories(List<StoragePath> paths) {
    Set<String> seen = new HashSet<>();
    List<StoragePath> directories = new ArrayList<>();
    for (StoragePath path : paths) {
      for (StoragePath dir : path.ancestors()) {
        if (seen.add(dir.value())) {
          directories.add(dir);
        }
      }
    }
    return directories;
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
      commits.add(() -> blobs.commit(file.stagingKey(session.id()), file.expectedSha256()));
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
}
