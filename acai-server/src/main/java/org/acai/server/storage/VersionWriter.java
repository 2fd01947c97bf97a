package org.acai.server.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.acai.api.error.ConflictException;
import org.acai.server.blob.BlobRef;
import org.acai.server.storage.BatchFileStore.NewVersion;
import org.jdbi.v3.core.Handle;

/**
 * Assigns the next versions of many paths to durable blobs inside the caller's transaction, in
 * request order, with a fixed number of statements however many files there are. Shared by upload
 * sessions and batch uploads.
 */
final class VersionWriter {
  /**
   * Writes one version per path; the same path twice gets two versions, in list order. The blobs
   * must be durable already: the versions become visible when the transaction commits.
   *
   * @param draft a file-set draft the versions join as members, or null
   * @return each path's new version, in request order
   */
  List<Integer> write(
      Handle handle,
      long project,
      long creator,
      List<StoragePath> paths,
      List<BlobRef> blobs,
      Long draft) {
    // Paths in sorted order: head rows are locked in that order, so commits cannot deadlock.
    Map<StoragePath, List<Integer>> byPath =
        new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
    for (int i = 0; i < paths.size(); i++) {
      byPath.computeIfAbsent(paths.get(i), path -> new ArrayList<>()).add(i);
    }
    BatchFileStore store = new BatchFileStore(handle);
    List<StoragePath> distinct = new ArrayList<>(byPath.keySet());
    Map<String, Integer> first =
        store.reserveVersions(
            project, distinct, distinct.stream().map(p -> byPath.get(p).size()).toList());
    List<NewVersion> versions = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>(Collections.nCopies(paths.size(), 0));
    for (Map.Entry<StoragePath, List<Integer>> entry : byPath.entrySet()) {
      int version = first.get(entry.getKey().value());
      for (int index : entry.getValue()) {
        BlobRef blob = blobs.get(index);
        numbers.set(index, version);
        versions.add(new NewVersion(entry.getKey(), version++, blob.sha256(), blob.size()));
      }
    }
    // Their documents are derived from these rows (no meta_docs rows: see the meta package).
    store.insertVersions(project, creator, versions, draft);
    // Last: a directory that two concurrent commits both create makes the second wait for the
    // first's end, so the heavy inserts above of batches sent in parallel run side by side.
    store.ensureDirectories(project, directories(distinct));
    return numbers;
  }

  /** Refuses paths that are directories, lie below files, or lie below each other. */
  static void checkNoClash(Handle handle, long project, Set<StoragePath> paths) {
    BatchFileStore store = new BatchFileStore(handle);
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
}
