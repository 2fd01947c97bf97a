package org.acai.server.storage;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.acai.api.error.ConflictException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchUploadSessionException;
import org.acai.api.error.PayloadTooLargeException;
import org.acai.api.error.QuotaExceededException;
import org.acai.api.error.TooManyRequestsException;
import org.acai.api.storage.StartUploadRequest;
import org.acai.api.storage.UploadSession;
import org.acai.api.storage.UploadTarget;
import org.acai.server.auth.Principal;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.StagedObject;
import org.acai.server.quota.Quotas;
import org.acai.server.storage.OpenSessions.Expected;
import org.acai.server.storage.SessionStore.Session;
import org.acai.server.storage.SessionStore.SessionAndFile;
import org.acai.server.storage.SessionStore.SessionFile;
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
  private final StorageSettings settings;
  private final BlobStore blobs;
  private final DataUrls urls;
  private final Duration sessionTtl;
  private final SessionCommitter committer;
  private final LandingCheck landing;
  private final OpenSessions open = new OpenSessions();

  UploadService(
      Jdbi jdbi,
      BlobStore blobs,
      DataUrls urls,
      Duration sessionTtl,
      ExecutorService commitPool,
      StorageSettings settings) {
    this.jdbi = jdbi;
    this.settings = settings;
    this.blobs = blobs;
    this.urls = urls;
    this.sessionTtl = sessionTtl;
    this.committer = new SessionCommitter(blobs, commitPool);
    this.landing = new LandingCheck(blobs, commitPool);
  }

  /** Starts a session for the request's paths; returns one upload URL per path. */
  public UploadSession start(Principal caller, StartUploadRequest request, String baseUrl) {
    List<StoragePath> paths = checkPaths(request);
    checkSizes(paths, request.sizes());
    UUID id = UUID.randomUUID();
    Instant expires = Instant.now().plus(sessionTtl);
    jdbi.useTransaction(
        handle -> {
          Quotas.checkUpload(handle, caller.projectKey(), paths.size(), declaredBytes(request));
          SessionStore store = new SessionStore(handle);
          long open = store.openSessionsOf(caller.userId());
          if (open >= settings.maxOpenSessions()) {
            throw new TooManyRequestsException(
                "Cannot start an upload session: %d of yours are open, at most %d (%s);"
                    + " finish or abort one, or wait for it to expire",
                open, settings.maxOpenSessions(), StorageSettings.MAX_OPEN_SESSIONS_ENV);
          }
          store.create(
              id, caller.projectKey(), caller.userId(), expires, request.commitsOnFinish());
          store.addFiles(id, paths, request.sizes(), checkedSha256s(request.sha256s()));
        });
    open.started(id, caller.projectKey(), paths.size(), request.sizes(), request.sha256s());
    List<UploadTarget> targets = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      // Only a client that declares digests at the finish takes parts: it sends them in parallel.
      Long parted =
          request.commitsOnFinish() && request.sizes() != null ? request.sizes().get(i) : null;
      targets.add(
          urls.target(
              baseUrl, caller.projectKey(), id, i, paths.get(i), parted, settings.partSize()));
    }
    return new UploadSession(id.toString(), targets, false, null, expires.toEpochMilli());
  }

  /**
   * Receives the bytes of one file through the server's own data route; commits the session when it
   * was the last file. A PUT to a committed session is accepted and ignored (the original client
   * sends an empty file twice).
   *
   * @param length the PUT's Content-Length, or -1 if it has none
   * @return what landed (size, SHA-256 and CRC32C of the bytes received), or empty if the PUT was
   *     ignored or its bytes dropped because the session was committed or discarded meanwhile
   * @throws NoSuchUploadSessionException if {@code project} has no such session
   * @throws QuotaExceededException if a file of undeclared size would pass the project's quota; the
   *     session is then refused as a whole
   */
  public Optional<StagedObject> receive(
      long project, UUID sessionId, int index, InputStream body, long length) {
    Optional<Expected> known = open.expected(sessionId, project, index);
    Expected expected;
    if (known.isPresent()) {
      expected = known.get();
    } else {
      SessionAndFile target =
          jdbi.withHandle(handle -> new SessionStore(handle).sessionFile(sessionId, index))
              .filter(found -> found.session().projectId() == project)
              .orElseThrow(
                  () -> new NoSuchUploadSessionException("No such upload session: %s", sessionId));
      if (target.session().isCommitted()) {
        return Optional.empty();
      }
      requireOpen(target.session());
      if (target.file() == null) {
        throw new NoSuchUploadSessionException("No file %d in upload session %s", index, sessionId);
      }
      expected = new Expected(target.file().expectedSize(), target.file().expectedSha256());
    }
    if (length > settings.maxFileBytes()) {
      // The original client ignores a PUT's answer: polling says why.
      discard(sessionId, "too_large");
      throw CappedInput.tooLarge(settings.maxFileBytes());
    }
    if (expected.size() == null
        && length > 0
        && !jdbi.withHandle(h -> Quotas.fits(h, project, length))) {
      // The original client declares no sizes and ignores a PUT's answer: polling says why.
      discard(sessionId, "over_quota");
      throw new QuotaExceededException(
          "Cannot upload %d bytes: the project's byte quota would be passed", length);
    }
    // In the staging area, which is what commits consult: no database write per PUT. The bytes
    // become durable when the commit makes them a blob, before any version refers to them.
    String key = SessionStore.stagingKey(sessionId, index);
    StagedObject staged;
    try {
      staged =
          blobs.stage(
              key,
              new CappedInput(body, settings.maxFileBytes()),
              expected.size(),
              expected.sha256());
    } catch (PayloadTooLargeException e) {
      discard(sessionId, "too_large");
      throw e;
    }
    if (known.isPresent() && !open.isOpen(sessionId)) {
      // Committed or discarded while these bytes arrived: nothing will ever claim them.
      blobs.discard(key);
      return Optional.empty();
    }
    // Only the PUT that completes the session tries to commit it; the rest stay cheap.
    if (open.landed(sessionId, index, this::unlanded)) {
      tryCommit(sessionId, false, null);
    }
    return Optional.of(staged);
  }

  private List<Integer> unlanded(UUID sessionId) {
    return jdbi.withHandle(handle -> new SessionStore(handle).unlanded(sessionId));
  }

  /** Reports whether the session is committed, committing it if every file has landed. */
  public UploadSession poll(Principal caller, String sessionId) {
    UUID id = owned(caller, sessionId).id();
    return tryCommit(id, false, null).orElseGet(() -> pending(id));
  }

  /**
   * Commits the session.
   *
   * @throws ConflictException if some files have not landed yet
   */
  public UploadSession finish(Principal caller, String sessionId) {
    return finish(caller, sessionId, null);
  }

  /**
   * Commits the session, the files' bytes checked against the digests declared now (see {@link
   * FinishDigests}).
   *
   * @param sha256s one per file or null; each null or 64 lower-case hex digits
   * @throws ConflictException if some files have not landed yet
   * @throws InvalidRequestException if a digest is malformed or does not match the bytes
   */
  public UploadSession finish(Principal caller, String sessionId, List<String> sha256s) {
    UUID id = owned(caller, sessionId).id();
    List<String> digests = checkedSha256s(sha256s);
    return tryCommit(id, true, digests)
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
    open.forget(id);
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

  /**
   * Commits the session if every file has landed; a session that commits on finish only when {@code
   * finishing}.
   */
  private Optional<UploadSession> tryCommit(UUID id, boolean finishing, List<String> digests) {
    return jdbi.inTransaction(
        handle -> {
          SessionStore store = new SessionStore(handle);
          Session session = store.find(id, true).orElseThrow();
          List<SessionFile> files = store.files(id);
          if (session.isCommitted()) {
            return Optional.of(committed(id, files));
          }
          requireOpen(session);
          if ((session.commitOnFinish() && !finishing) || !landing.allLanded(store, id, files)) {
            return Optional.empty();
          }
          committer.commit(handle, session, FinishDigests.apply(id, store.files(id), digests));
          store.state(id, "committed");
          open.forget(id);
          return Optional.of(committed(id, store.files(id)));
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

  private void checkSizes(List<StoragePath> paths, List<Long> sizes) {
    for (int i = 0; sizes != null && i < sizes.size(); i++) {
      Long size = sizes.get(i);
      if (size != null && size > settings.maxFileBytes()) {
        throw new PayloadTooLargeException(
            "Cannot upload %s: %d bytes is more than the server's largest file, %d bytes (%s)",
            paths.get(i).value(), size, settings.maxFileBytes(), StorageSettings.MAX_FILE_SIZE_ENV);
      }
    }
  }

  private static void requireOpen(Session session) {
    if ("too_large".equals(session.state())) {
      throw new PayloadTooLargeException(
          "Cannot commit upload session %s: a file was larger than the server allows (%s)",
          session.id(), StorageSettings.MAX_FILE_SIZE_ENV);
    }
    if ("over_quota".equals(session.state())) {
      throw new QuotaExceededException(
          "Cannot commit upload session %s: a file would pass the project's byte quota",
          session.id());
    }
    if (!session.isOpen()) {
      throw new NoSuchUploadSessionException(
          "Upload session %s is %s", session.id(), session.state());
    }
  }

  private static long declaredBytes(StartUploadRequest request) {
    return request.sizes() == null
        ? 0
        : request.sizes().stream().mapToLong(size -> size == null ? 0 : size).sum();
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

  private static List<String> checkedSha256s(List<String> values) {
    if (values != null) {
      for (String value : values) {
        if (value != null && !value.matches(SHA256)) {
          throw new InvalidRequestException(
              "Invalid sha256: %s (expected 64 lower-case hex digits)", value);
        }
      }
    }
    return values;
  }
}
