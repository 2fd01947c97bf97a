package org.acai.server.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.acai.api.error.NoSuchUploadSessionException;

/**
 * What this server knows about the upload sessions it started and that are still open: what each
 * file must look like and which files it still waits for. It spares every PUT a database round trip
 * and lets only the PUT that completes a session try to commit it. The database stays the truth: a
 * session missing here (another server instance, a restart) is read from it, and commits re-check
 * everything, so a wrong or lost entry can only delay a commit to the next poll or finish.
 * Thread-safe.
 */
final class OpenSessions {
  /** What a file's bytes must match; either may be null (not declared). */
  record Expected(Long size, String sha256) {}

  /**
   * The files of one session; {@code expected} is null and {@code project} 0 when loaded after a
   * restart.
   */
  private record Open(long project, List<Expected> expected, Set<Integer> missing) {}

  private final Map<UUID, Open> open = new ConcurrentHashMap<>();

  /** Remembers a new session; sizes and digests may be null lists. */
  void started(UUID session, long project, int count, List<Long> sizes, List<String> sha256s) {
    List<Expected> expected = new ArrayList<>(count);
    Set<Integer> missing = ConcurrentHashMap.newKeySet(count);
    for (int i = 0; i < count; i++) {
      expected.add(
          new Expected(
              sizes == null ? null : sizes.get(i), sha256s == null ? null : sha256s.get(i)));
      missing.add(i);
    }
    open.put(session, new Open(project, List.copyOf(expected), missing));
  }

  /**
   * What file {@code index} of an open session must match, if this server knows the session.
   *
   * @throws NoSuchUploadSessionException if the session is known but has no such file
   */
  Optional<Expected> expected(UUID session, long project, int index) {
    Open known = open.get(session);
    if (known == null || known.expected() == null) {
      return Optional.empty();
    }
    if (known.project() != project) {
      throw new NoSuchUploadSessionException("No such upload session: %s", session);
    }
    if (index < 0 || index >= known.expected().size()) {
      throw new NoSuchUploadSessionException("No file %d in upload session %s", index, session);
    }
    return Optional.of(known.expected().get(index));
  }

  /** Whether the session is known here and neither committed nor discarded since. */
  boolean isOpen(UUID session) {
    return open.containsKey(session);
  }

  /**
   * Notes that a file landed.
   *
   * @param unlanded reads the session's unlanded indexes if this server has not seen it yet
   * @return whether no file is known to be missing any more
   */
  boolean landed(UUID session, int index, Function<UUID, List<Integer>> unlanded) {
    Open known =
        open.computeIfAbsent(
            session,
            id -> {
              Set<Integer> missing = ConcurrentHashMap.newKeySet();
              missing.addAll(unlanded.apply(id));
              return new Open(0, null, missing);
            });
    known.missing().remove(index);
    return known.missing().isEmpty();
  }

  /** Forgets a session that is committed or discarded. */
  void forget(UUID session) {
    open.remove(session);
  }
}
