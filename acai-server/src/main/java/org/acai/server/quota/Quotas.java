package org.acai.server.quota;

import java.util.Optional;
import org.acai.api.error.NoSuchProjectException;
import org.acai.api.error.QuotaExceededException;
import org.jdbi.v3.core.Handle;

/**
 * The quota checks uploads and job submissions make inside their own transactions. A project
 * without a quota row costs one indexed lookup; one with a quota has its row locked until the
 * caller's transaction ends, so concurrent commits of one project cannot both slip under a limit.
 */
public final class Quotas {
  static final String LIMITS =
      "SELECT max_bytes, max_files, max_running_jobs FROM project_quotas WHERE project_id = :p";

  static final String UNENDED = "('QUEUEING', 'LAUNCHING', 'DOWNLOADING', 'RUNNING', 'UPLOADING')";

  private Quotas() {}

  /** A project's limits; a null limit is no limit. */
  record Limits(Long maxBytes, Long maxFiles, Long maxRunningJobs) {}

  /** What a project uses now. */
  record Used(long bytes, long files) {}

  /**
   * Refuses adding {@code files} file versions of {@code bytes} bytes to the project when that
   * would pass its quota; keeps the quota row locked until the transaction ends.
   *
   * @throws QuotaExceededException naming the quota, its limit and what is used
   */
  public static void checkUpload(Handle handle, long project, long files, long bytes) {
    requireLive(handle, project);
    Optional<Limits> found = limits(handle, project, " FOR UPDATE");
    if (found.isEmpty()) {
      return;
    }
    Limits limits = found.get();
    if (limits.maxBytes() == null && limits.maxFiles() == null) {
      return;
    }
    Used used = used(handle, project);
    new Headroom(
            limits.maxFiles() == null ? Long.MAX_VALUE : limits.maxFiles(),
            used.files(),
            limits.maxBytes() == null ? Long.MAX_VALUE : limits.maxBytes(),
            used.bytes())
        .check(files, bytes);
  }

  /** Whether {@code bytes} more fit in the project's byte quota now (a hint; commits decide). */
  public static boolean fits(Handle handle, long project, long bytes) {
    Long max = limits(handle, project, "").map(Limits::maxBytes).orElse(null);
    return max == null || used(handle, project).bytes() + bytes <= max;
  }

  /**
   * The project's limits with what it uses now, {@link Long#MAX_VALUE} where it has no limit (for
   * refusing early; commits decide).
   */
  public static Headroom headroom(Handle handle, long project) {
    Optional<Limits> found = limits(handle, project, "");
    if (found.isEmpty() || (found.get().maxBytes() == null && found.get().maxFiles() == null)) {
      return new Headroom(Long.MAX_VALUE, 0, Long.MAX_VALUE, 0);
    }
    Limits limits = found.get();
    Used used = used(handle, project);
    return new Headroom(
        limits.maxFiles() == null ? Long.MAX_VALUE : limits.maxFiles(),
        used.files(),
        limits.maxBytes() == null ? Long.MAX_VALUE : limits.maxBytes(),
        used.bytes());
  }

  /** A project's limits and what it uses. */
  public record Headroom(long maxFiles, long usedFiles, long maxBytes, long usedBytes) {
    /**
     * Refuses adding {@code files} versions of {@code bytes} bytes past a limit.
     *
     * @throws QuotaExceededException naming the quota
     */
    public void check(long files, long bytes) {
      if (usedFiles + files > maxFiles) {
        throw new QuotaExceededException(
            "Cannot upload %d file(s): the project's file quota is %d versions and %d are used",
            files, maxFiles, usedFiles);
      }
      if (usedBytes + bytes > maxBytes) {
        throw new QuotaExceededException(
            "Cannot upload %d bytes: the project's byte quota is %d bytes and %d are used",
            bytes, maxBytes, usedBytes);
      }
    }
  }

  /**
   * Refuses one more job when the project's jobs not yet ended are at its quota; keeps the quota
   * row locked until the transaction ends.
   *
   * @throws QuotaExceededException naming the quota
   */
  public static void checkNewJob(Handle handle, long project) {
    requireLive(handle, project);
    Optional<Long> max = limits(handle, project, " FOR UPDATE").map(Limits::maxRunningJobs);
    if (max.isEmpty()) {
      return;
    }
    long running = runningJobs(handle, project);
    if (running + 1 > max.get()) {
      throw new QuotaExceededException(
          "Cannot submit job: the project's running-jobs quota is %d and %d are queued or running",
          max.get(), running);
    }
  }

  /**
   * Refuses a removed project, and keeps the project row share-locked until the transaction ends,
   * so a removal waits for running commits and no commit lands after it.
   */
  private static void requireLive(Handle handle, long project) {
    boolean live =
        handle
            .createQuery("SELECT id FROM projects WHERE id = :p AND removed_at IS NULL FOR SHARE")
            .bind("p", project)
            .mapTo(Long.class)
            .findOne()
            .isPresent();
    if (!live) {
      throw new NoSuchProjectException("No such project: %d (it was removed)", project);
    }
  }

  static Optional<Limits> limits(Handle handle, long project, String lock) {
    return handle
        .createQuery(LIMITS + lock)
        .bind("p", project)
        .map(
            (rs, ctx) ->
                new Limits(
                    rs.getObject("max_bytes", Long.class),
                    rs.getObject("max_files", Long.class),
                    rs.getObject("max_running_jobs", Long.class)))
        .findOne();
  }

  static Used used(Handle handle, long project) {
    return handle
        .createQuery(
            "SELECT count(*) AS files, coalesce(sum(size), 0) AS bytes FROM file_versions"
                + " WHERE project_id = :p AND deletion_id IS NULL")
        .bind("p", project)
        .map((rs, ctx) -> new Used(rs.getLong("bytes"), rs.getLong("files")))
        .one();
  }

  static long runningJobs(Handle handle, long project) {
    return handle
        .createQuery(
            "SELECT count(*) FROM jobs WHERE project_id = :p AND deletion_id IS NULL"
                + " AND status IN "
                + UNENDED)
        .bind("p", project)
        .mapTo(Long.class)
        .one();
  }
}
