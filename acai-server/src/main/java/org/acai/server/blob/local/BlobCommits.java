package org.acai.server.blob.local;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import org.acai.api.error.AcaiException;
import org.acai.api.error.NotFoundException;
import org.acai.api.error.ServiceFailureException;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.internal.ContentHasher;
import org.acai.server.blob.internal.PageCache;
import org.acai.server.blob.local.StagingArea.Claimed;
import org.acai.server.home.FileModes;

/**
 * Commits staged objects in three steps, so that a batch pays one fsync per blob plus one per
 * touched directory: claim, verify and fsync every blob's bytes; link each in at its content
 * address; fsync the directories that changed. Each step runs in parallel on the pool. The bytes
 * are durable before their names are, and both before the batch returns.
 */
final class BlobCommits {
  private final StagingArea staging;
  private final Function<BlobRef, Path> paths;

  BlobCommits(StagingArea staging, Function<BlobRef, Path> paths) {
    this.staging = staging;
    this.paths = paths;
  }

  /** Bytes claimed from the staging area and fsynced, ready to be renamed into place. */
  private record Prepared(Path file, BlobRef blob) {}

  /** Commits the staged objects; {@code pool} may be null to run every step in this thread. */
  List<BlobRef> commitAll(List<String> keys, List<String> expectedSha256s, ExecutorService pool) {
    List<Callable<Prepared>> preparations = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      String expected = expectedSha256s.get(i);
      preparations.add(() -> prepare(key, expected));
    }
    List<Prepared> prepared = runAll(pool, preparations, keys.get(0));
    Set<Path> toSync = ConcurrentHashMap.newKeySet();
    List<Callable<Void>> placements = new ArrayList<>();
    for (int i = 0; i < prepared.size(); i++) {
      Prepared one = prepared.get(i);
      String key = keys.get(i);
      placements.add(
          () -> {
            try {
              place(one, toSync);
            } catch (IOException | RuntimeException e) {
              LocalFiles.deleteQuietly(one.file());
              throw failure(key, e);
            }
            return null;
          });
    }
    runAll(pool, placements, keys.get(0));
    List<BlobRef> blobs = prepared.stream().map(Prepared::blob).toList();
    List<Callable<Void>> syncs = new ArrayList<>();
    for (Path path : toSync) {
      syncs.add(
          () -> {
            LocalFiles.fsyncFile(path);
            return null;
          });
    }
    runAll(pool, syncs, keys.get(0));
    return blobs;
  }

  /** Claims one staged object, checks its hash and makes its bytes durable. */
  private Prepared prepare(String key, String expectedSha256) {
    Claimed claimed;
    try {
      claimed =
          staging.claim(key).orElseThrow(() -> new NotFoundException("No staged object: %s", key));
    } catch (IOException e) {
      throw failure(key, e);
    }
    try {
      String sha256 =
          claimed.sha256() != null ? claimed.sha256() : LocalFiles.sha256(claimed.file());
      ContentHasher.verifySha256(key, expectedSha256, sha256);
      // The bytes first, so that their name can never become durable before them.
      LocalFiles.fsyncFile(claimed.file());
      if (claimed.size() >= Writeback.STEP) {
        // What its writing left in the page cache goes too, as the rest went (Writeback).
        PageCache.drop(claimed.file(), 0, claimed.size());
      }
      return new Prepared(claimed.file(), new BlobRef(sha256, claimed.size()));
    } catch (IOException | RuntimeException e) {
      LocalFiles.deleteQuietly(claimed.file());
      throw failure(key, e);
    }
  }

  /**
   * Links prepared bytes in at their content address, unless identical content is there already,
   * and adds what must be fsynced for that to last. A hard link plus an unlink, not a rename: a
   * rename between directories takes the file system's one rename lock, so placements in parallel
   * would queue on it.
   */
  private void place(Prepared prepared, Set<Path> toSync) throws IOException {
    Path target = paths.apply(prepared.blob());
    Path parent = target.getParent();
    if (!Files.isDirectory(parent)) {
      FileModes.createPrivateDirectories(parent);
      // New fan-out directories must be durable too, or the blob could vanish with them.
      toSync.add(parent.getParent());
      toSync.add(parent.getParent().getParent());
    }
    LocalFiles.makeReadOnly(prepared.file());
    try {
      Files.createLink(target, prepared.file());
      Files.delete(prepared.file());
    } catch (FileAlreadyExistsException e) {
      if (Files.size(target) == prepared.blob().size()) {
        // Identical content is stored already; a concurrent commit may not have synced it yet.
        discard(prepared);
        toSync.add(target);
      } else {
        // Not what that name promises (damaged from outside): these verified bytes replace it.
        Files.move(prepared.file(), target, StandardCopyOption.ATOMIC_MOVE);
      }
    } catch (UnsupportedOperationException e) {
      Files.move(prepared.file(), target, StandardCopyOption.ATOMIC_MOVE);
    }
    toSync.add(parent);
  }

  /** Deletes a duplicate's bytes: a big one's after the commit, since freeing them takes long. */
  private static void discard(Prepared duplicate) throws IOException {
    if (duplicate.blob().size() >= LocalBlobStore.PIPELINED_MIN_BYTES) {
      LocalFiles.deleteLater(duplicate.file());
    } else {
      Files.delete(duplicate.file());
    }
  }

  private static <T> List<T> runAll(ExecutorService pool, List<Callable<T>> tasks, String key) {
    List<T> results = new ArrayList<>();
    List<Future<T>> futures = new ArrayList<>();
    try {
      if (pool == null) {
        for (Callable<T> task : tasks) {
          FutureTask<T> inline = new FutureTask<>(task);
          inline.run();
          futures.add(inline);
        }
      } else {
        futures = pool.invokeAll(tasks);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceFailureException(e, "Interrupted while committing %s", key);
    }
    RuntimeException first = null;
    for (Future<T> future : futures) {
      try {
        results.add(future.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ServiceFailureException(e, "Interrupted while committing %s", key);
      } catch (ExecutionException e) {
        if (first == null) {
          first = failure(key, e.getCause());
        }
      }
    }
    if (first != null) {
      // The prepared files of the tasks that succeeded will never be renamed into place.
      for (T result : results) {
        if (result instanceof Prepared prepared) {
          LocalFiles.deleteQuietly(prepared.file());
        }
      }
      throw first;
    }
    return results;
  }

  private static RuntimeException failure(String key, Throwable e) {
    if (e instanceof AcaiException acai) {
      return acai;
    }
    return new ServiceFailureException(e, "Cannot commit %s: %s", key, e);
  }
}
