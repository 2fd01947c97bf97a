package org.acai.server.storage;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.acai.api.error.ConflictException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchUploadSessionException;
import org.acai.api.error.PayloadTooLargeException;
import org.acai.api.storage.StartUploadRequest;
import org.acai.api.storage.UploadSession;
import org.acai.api.storage.UploadTarget;
import org.acai.server.auth.Principal;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.StagedObject;
import org.acai.server.storage.SessionStore.Session;
import org.acai.server.storage.SessionStore.SessionFile;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Two-phase batch uploads: a session reserves N paths, clients PUT the bytes, and the commit
 * assigns all N versions in one transaction, in request order. Thread-safe.
 */
public final class UploadService {
  /** Most paths one session may hold. */
  public static final int MAX_FILES_PER_SESSION = 10_000;

  private static final String SHA256 = "[0-9a-f]{64}";

  private final Jdbi jdbi;
  private final BlobStore blobs;
  private final DataUrls urls;
  private final Duration sessionTtl;
  private final VersionListener listener;

  UploadService(
      Jdbi jdbi, BlobStore blobs, DataUrls urls, Duration sessionTtl, VersionListener listener) {
    this.jdbi = jdbi;
    this.blobs = blobs;
    this.urls = urls;
    this.sessionTtl = sessionTtl;
    this.listener = listener;
  }

  /** Starts a session for the request's paths; returns one upload URL per path. */
  public UploadSession start(Principal caller, StartUploadRequest request, String baseUrl) {
    List<StoragePath> paths = checkPaths(request);
    UUID id = UUID.randomUUID();
    Instant expires = Instant.now().plus(sessionTtl);
    jdbi.useTransaction(
        handle -> {
          SessionStore store = new SessionStore(handle);
          store.create(id, caller.projectKey(), caller.userId(), expires, paths.size());
          for (int i = 0; i < paths.size(); i++) {
            store.addFile(
                id, i, paths.get(i), element(request.sizes(), i), sha(request.sha256s(), i));
          }
        });
    List<UploadTarget> targets = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      String key = "uploads/" + id + "/" + i;
      targets.add(
          new UploadTarget(paths.get(i).value(), urls.upload(baseUrl, id.toString(), i, key)));
    }
    return new UploadSession(id.toString(), targets, false, null, expires.toEpochMilli());
  }

  /**
   * Receives the bytes of one file through the server's own data route; commits the session when it
   * was the last file. A PUT to a committed session is accepted and ignored (the original client
   * sends an empty file twice).
   */
  public void receive(UUID sessionId, int index, InputStream body) {
    Session session = session(sessionId);
    if (session.isCommitted()) {
      return;
    }
    requireOpen(session);
    SessionFile file =
        jdbi.withHandle(handle -> new SessionStore(handle).files(sessionId)).stream()
            .filter(candidate -> candidate.index() == index)
            .findFirst()
            .orElseThrow(
                () ->
                    new NoSuchUploadSessionException(
                        "No file %d in upload session %s", index, sessionId));
    StagedObject staged =
        blobs.stage(file.stagingKey(sessionId), body, file.expectedSize(), file.expectedSha256());
    jdbi.useHandle(
        handle ->
            new SessionStore(handle).landed(sessionId, index, staged.size(), staged.sha256()));
    tryCommit(sessionId);
  }

  /** Reports whether the session is committed, committing it if every file has landed. */
  public UploadSession poll(Principal caller, String sessionId) {
    UUID id = owned(caller, sessionId).id();
    return tryCommit(id).orElseGet(() -> pending(id));
  }

  /**
   * Commits the session.
   *
   * @throws ConflictException if some files have not landed yet
   */
  public UploadSession finish(Principal caller, String sessionId) {
    UUID id = owned(caller, sessionId).id();
    return tryCommit(id)
        .orElseThrow(
            () -> {
              long missing =
                  jdbi.withHandle(h -> new SessionStore(h).files(id)).stream()
                      .filter(f -> !f.landed())
                      .count();
              return new ConflictException(
                  "Cannot finish upload session %s: %d file(s) have not been uploaded yet",
                  id, missing);
            });
  }

  /** Discards a session and its partial bytes; committed versions are never touched. */
  public void abort(Principal caller, String sessionId) {
    Session session = owned(caller, sessionId);
    if (session.isCommitted()) {
      throw new ConflictException("Cannot abort upload session %s: it is committed", sessionId);
    }
    discard(session.id(), "aborted");
  }

  /** Discards sessions past their expiry; returns how many. */
  public int expireSessions() {
    List<UUID> expired = jdbi.withHandle(handle -> new SessionStore(handle).expiredOpen(100));
    expired.forEach(id -> discard(id, "expired"));
    return expired.size();
  }

  private void discard(UUID id, String state) {
    List<SessionFile> files =
        jdbi.inTransaction(
            handle -> {
              SessionStore store = new SessionStore(handle);
              Session locked = store.find(id, true).orElseThrow();
              if (!locked.isOpen()) {
                return List.<SessionFile>of();
              }
              store.state(id, state);
              return store.files(id);
            });
    files.forEach(file -> blobs.discard(file.stagingKey(id)));
  }

  private Optional<UploadSession> tryCommit(UUID id) {
    return jdbi.inTransaction(
        handle -> {
          SessionStore store = new SessionStore(handle);
          Session session = store.find(id, true).orElseThrow();
          List<SessionFile> files = store.files(id);
          if (session.isCommitted()) {
            return Optional.of(committed(id, files));
          }
          requireOpen(session);
          if (!allLanded(id, store, files)) {
            return Optional.empty();
          }
          List<SessionFile> landed = store.files(id);
          commit(handle, session, landed);
          return Optional.of(committed(id, store.files(id)));
        });
  }

  /** Marks files that reached the blob store directly (presigned PUTs) as landed. */
  private boolean allLanded(UUID id, SessionStore store, List<SessionFile> files) {
    boolean all = true;
    for (SessionFile file : files) {
      if (file.landed()) {
        continue;
      }
      Optional<StagedObject> staged =
          urls.presigned() ? blobs.inspect(file.stagingKey(id)) : Optional.empty();
      if (staged.isPresent()) {
        store.landed(id, file.index(), staged.get().size(), staged.get().sha256());
      } else {
        all = false;
      }
    }
    return all;
  }

  private void commit(Handle handle, Session session, List<SessionFile> files) {
    List<BlobRef> blobRefs = new ArrayList<>();
    for (SessionFile file : files) {
      if (file.expectedSize() != null && file.landedSize() != file.expectedSize().longValue()) {
        throw new InvalidRequestException(
            "Cannot commit %s: uploaded %d bytes, declared %d",
            file.path(), file.landedSize(), file.expectedSize());
      }
      blobRefs.add(blobs.commit(file.stagingKey(session.id()), file.expectedSha256()));
    }
    // Lock heads in path order so that concurrent sessions cannot deadlock.
    Map<StoragePath, List<Integer>> byPath =
        new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
    for (SessionFile file : files) {
      byPath.computeIfAbsent(file.path(), path -> new ArrayList<>()).add(file.index());
    }
    FileStore fileStore = new FileStore(handle);
    SessionStore sessions = new SessionStore(handle);
    for (Map.Entry<StoragePath, List<Integer>> entry : byPath.entrySet()) {
      checkNoClash(fileStore, session.projectId(), entry.getKey());
      int version =
          fileStore.reserveVersions(session.projectId(), entry.getKey(), entry.getValue().size());
      fileStore.ensureDirectories(session.projectId(), entry.getKey());
      for (int index : entry.getValue()) {
        BlobRef blob = blobRefs.get(index);
        long rowId =
            fileStore.insertVersion(
                session.projectId(),
                entry.getKey(),
                version,
                blob.sha256(),
                blob.size(),
                session.creatorId());
        sessions.versioned(session.id(), index, version);
        listener.created(
            handle,
            session.projectId(),
            new FileVersion(
                rowId,
                entry.getKey(),
                version,
                blob.sha256(),
                blob.size(),
                session.creatorId(),
                System.currentTimeMillis()));
        version++;
      }
    }
    sessions.state(session.id(), "committed");
  }

  private static void checkNoClash(FileStore files, long project, StoragePath path) {
    if (files.isDirectory(project, path)) {
      throw new ConflictException("Cannot upload %s: a directory of that name exists", path);
    }
    files
        .fileAtOrAbove(project, path)
        .ifPresent(
            file -> {
              throw new ConflictException(
                  "Cannot upload %s: %s is a file, not a directory", path, file);
            });
  }

  private static UploadSession committed(UUID id, List<SessionFile> files) {
    List<String> ids = files.stream().map(file -> file.path() + ":" + file.version()).toList();
    return new UploadSession(id.toString(), null, true, ids, 0);
  }

  private UploadSession pending(UUID id) {
    return new UploadSession(
        id.toString(), null, false, List.of(), session(id).expiresAt().toEpochMilli());
  }

  private Session session(UUID id) {
    return jdbi.withHandle(handle -> new SessionStore(handle).find(id, false))
        .orElseThrow(() -> new NoSuchUploadSessionException("No such upload session: %s", id));
  }

  private Session owned(Principal caller, String sessionId) {
    UUID id;
    try {
      id = UUID.fromString(sessionId == null ? "" : sessionId.trim());
    } catch (IllegalArgumentException e) {
      throw new NoSuchUploadSessionException(
          "No such upload session: %s", StoragePath.printable(sessionId));
    }
    Session session = session(id);
    if (session.projectId() != caller.projectKey()) {
      throw new NoSuchUploadSessionException("No such upload session: %s", id);
    }
    return session;
  }

  private static void requireOpen(Session session) {
    if (!session.isOpen()) {
      throw new NoSuchUploadSessionException(
          "Upload session %s is %s", session.id(), session.state());
    }
  }

  private static List<StoragePath> checkPaths(StartUploadRequest request) {
    if (request.paths() == null || request.paths().isEmpty()) {
      throw new InvalidRequestException("Invalid upload: paths must be a non-empty list");
    }
    if (request.paths().size() > MAX_FILES_PER_SESSION) {
      throw new PayloadTooLargeException(
          "Invalid upload: %d paths, at most %d per session",
          request.paths().size(), MAX_FILES_PER_SESSION);
    }
    checkParallel("sizes", request.sizes(), request.paths().size());
    checkParallel("sha256s", request.sha256s(), request.paths().size());
    if (request.sizes() != null
        && request.sizes().stream().anyMatch(size -> size != null && size < 0)) {
      throw new InvalidRequestException("Invalid upload: sizes cannot be negative");
    }
    return request.paths().stream().map(StoragePath::file).toList();
  }

  private static void checkParallel(String field, List<?> values, int expected) {
    if (values != null && values.size() != expected) {
      throw new InvalidRequestException(
          "Invalid upload: %s has %d entries, paths has %d", field, values.size(), expected);
    }
  }

  private static Long element(List<Long> values, int index) {
    return values == null ? null : values.get(index);
  }

  private static String sha(List<String> values, int index) {
    String value = values == null ? null : values.get(index);
    if (value != null && !value.matches(SHA256)) {
      throw new InvalidRequestException(
          "Invalid sha256: %s (expected 64 lower-case hex digits)", value);
    }
    return value;
  }
}
