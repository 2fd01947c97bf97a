package org.acai.server.fileset;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.acai.api.error.NoSuchFileSetException;
import org.acai.api.error.TooManyRequestsException;
import org.acai.api.storage.FileSetDraft;
import org.acai.server.auth.Principal;
import org.acai.server.db.SqlCauses;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Drafts of file sets (V34): an upload's batches add members to a draft in their own transactions,
 * and {@link FileSetService#createFromDraft} makes the draft a set version. A draft belongs to the
 * user who opened it, in that user's project, and lives for {@link #LIFETIME} from its opening;
 * then GC removes it with its members.
 */
public final class FileSetDrafts {
  /** How long a draft can take members and become a set. */
  public static final Duration LIFETIME = Duration.ofHours(24);

  /** The setting that bounds a user's open drafts (shared with upload sessions). */
  private static final String MAX_OPEN_ENV = "ACAI_MAX_OPEN_SESSIONS";

  /** The caller's draft {@code :draft}, while it is open (bound by {@link #callers}). */
  private static final String CALLERS_OPEN =
      " WHERE id = :draft AND project_id = :project AND creator_id = :creator"
          + " AND expires_at > now()";

  private static final String UNIQUE_VIOLATION = "23505";

  private static final String MEMBERS_KEY = "file_set_members_pkey";

  /** What a draft's batches brought: its members and their total size. */
  record Totals(long files, long bytes) {}

  private FileSetDrafts() {}

  /**
   * Opens a draft for the caller.
   *
   * @param maxOpen how many open drafts one user may have
   * @throws TooManyRequestsException if the caller has that many
   */
  static FileSetDraft open(Handle handle, Principal caller, long maxOpen) {
    long open =
        handle
            .createQuery(
                "SELECT count(*) FROM file_set_drafts WHERE creator_id = :creator"
                    + " AND expires_at > now()")
            .bind("creator", caller.userId())
            .mapTo(Long.class)
            .one();
    if (open >= maxOpen) {
      throw new TooManyRequestsException(
          "Cannot open a file set draft: %d of yours are open, at most %d (%s); make a set of one,"
              + " or wait for it to expire",
          open, maxOpen, MAX_OPEN_ENV);
    }
    return handle
        .createQuery(
            "INSERT INTO file_set_drafts (project_id, creator_id, expires_at)"
                + " VALUES (:project, :creator, now() + make_interval(secs => :seconds))"
                + " RETURNING id, expires_at")
        .bind("project", caller.projectKey())
        .bind("creator", caller.userId())
        .bind("seconds", LIFETIME.toSeconds())
        .map((rs, ctx) -> new FileSetDraft(rs.getLong(1), rs.getTimestamp(2).getTime()))
        .one();
  }

  /**
   * Holds the caller's open draft for a batch that adds members to it, until the batch's
   * transaction ends: a set is not made from it meanwhile (other batches go on beside).
   *
   * @throws NoSuchFileSetException if the caller has no such open draft
   */
  public static void hold(Handle handle, Principal caller, long draft) {
    find(handle, caller, draft, " FOR KEY SHARE");
  }

  /**
   * Refuses a draft the caller has no open draft of, before a batch streams.
   *
   * @throws NoSuchFileSetException if the caller has no such open draft
   */
  public static void check(Handle handle, Principal caller, long draft) {
    find(handle, caller, draft, "");
  }

  private static void find(Handle handle, Principal caller, long draft, String lock) {
    boolean open =
        callers(
                handle.createQuery("SELECT id FROM file_set_drafts" + CALLERS_OPEN + lock),
                caller,
                draft)
            .mapTo(Long.class)
            .findOne()
            .isPresent();
    if (!open) {
      throw missing(draft);
    }
  }

  /**
   * Counts a batch's members into a draft it {@linkplain #hold holds}; call it last in the batch's
   * transaction, as batches that add to one draft wait here for each other's commit.
   */
  public static void add(Handle handle, Principal caller, long draft, long files, long bytes) {
    int updated =
        callers(
                handle.createUpdate(
                    "UPDATE file_set_drafts SET files = files + :files, bytes = bytes + :bytes"
                        + CALLERS_OPEN),
                caller,
                draft)
            .bind("files", files)
            .bind("bytes", bytes)
            .execute();
    if (updated == 0) {
      throw missing(draft);
    }
  }

  /**
   * Ends the caller's open draft and returns what its batches brought; waits for batches that are
   * committing into it, and any that come later are refused.
   *
   * @throws NoSuchFileSetException if the caller has no such open draft
   */
  static Totals take(Handle handle, Principal caller, long draft) {
    return callers(
            handle.createQuery(
                "DELETE FROM file_set_drafts" + CALLERS_OPEN + " RETURNING files, bytes"),
            caller,
            draft)
        .map((rs, ctx) -> new Totals(rs.getLong("files"), rs.getLong("bytes")))
        .findOne()
        .orElseThrow(() -> missing(draft));
  }

  /** Removes expired drafts and their members. */
  public static void removeExpired(Handle handle) {
    remove(handle, "expires_at <= now()", Map.of());
  }

  /** Removes every draft of a removed project, with its members. */
  public static void forgetProject(Handle handle, long project) {
    remove(handle, "project_id = :project", Map.of("project", project));
  }

  /**
   * Removes the drafts that meet {@code condition}, then their members in a second statement: a
   * batch that held one of them commits its members before the first statement's delete goes on,
   * and only a statement started after that sees them (one statement with a CTE would not).
   */
  private static void remove(Handle handle, String condition, Map<String, Object> binds) {
    List<Long> gone =
        handle
            .createQuery("DELETE FROM file_set_drafts WHERE " + condition + " RETURNING id")
            .bindMap(binds)
            .mapTo(Long.class)
            .list();
    if (!gone.isEmpty()) {
      handle
          .createUpdate("DELETE FROM file_set_members WHERE file_set_id = ANY(:drafts)")
          .bindArray("drafts", Long.class, gone)
          .execute();
    }
  }

  /** Whether a failed insert named one path twice among a set's (or draft's) members. */
  public static boolean memberClash(JdbiException e) {
    return SqlCauses.of(e)
        .filter(sql -> UNIQUE_VIOLATION.equals(sql.getSQLState()))
        .filter(sql -> String.valueOf(sql.getMessage()).contains(MEMBERS_KEY))
        .isPresent();
  }

  /** Binds the caller's draft of {@link #CALLERS_OPEN}. */
  private static <T extends SqlStatement<T>> T callers(T statement, Principal caller, long draft) {
    return statement
        .bind("draft", draft)
        .bind("project", caller.projectKey())
        .bind("creator", caller.userId());
  }

  /** The error for a draft the caller cannot use. */
  static NoSuchFileSetException missing(long draft) {
    return new NoSuchFileSetException(
        "No such file set draft: %d (it was used, has expired, or is not yours)", draft);
  }
}
