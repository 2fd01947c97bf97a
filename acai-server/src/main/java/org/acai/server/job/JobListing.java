package org.acai.server.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.acai.api.job.JobInfo;
import org.acai.api.job.JobStatus;
import org.acai.server.auth.Principal;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * A project's jobs a page at a time, newest first, filtered and paged in SQL (keyset on the id over
 * the {@code (project_id, id)} index), so a list stays fast however many jobs the project holds.
 * Thread-safe.
 */
public final class JobListing {
  /** Most jobs on one page. */
  public static final int MAX_LIMIT = 500;

  /**
   * What to list.
   *
   * @param status only jobs in this status, or null
   * @param nameContains only jobs whose name contains this text, or null
   * @param creatorId only jobs of this user, or null
   * @param beforeId only jobs older than this id (the next page), or null
   * @param afterId only jobs newer than this id (the previous page), or null
   * @param limit page size, 1 to {@link #MAX_LIMIT}
   */
  public record Query(
      JobStatus status,
      String nameContains,
      Long creatorId,
      Long beforeId,
      Long afterId,
      int limit) {
    /** Checks the limit. */
    public Query {
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new IllegalArgumentException("Invalid limit: " + limit);
      }
    }
  }

  /**
   * One page.
   *
   * @param jobs the jobs, newest first
   * @param hasOlder whether older jobs match
   * @param hasNewer whether newer jobs match
   * @param total how many jobs match the filters in all
   */
  public record Page(List<JobInfo> jobs, boolean hasOlder, boolean hasNewer, long total) {
    public Page {
      jobs = List.copyOf(jobs);
    }
  }

  private final Jdbi jdbi;

  /** Lists through {@code jdbi}. */
  public JobListing(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** One page of the caller's project's jobs. */
  public Page page(Principal caller, Query query) {
    return jdbi.withHandle(handle -> page(handle, caller.projectKey(), query));
  }

  private static Page page(Handle handle, long project, Query query) {
    String filters = filters(query);
    boolean backwards = query.afterId() != null && query.beforeId() == null;
    String keyset =
        (query.beforeId() != null ? " AND id < :before" : "")
            + (query.afterId() != null ? " AND id > :after" : "");
    List<JobInfo> jobs = new ArrayList<>();
    bind(
            handle.createQuery(
                "SELECT "
                    + JobStore.COLUMNS
                    + " FROM jobs WHERE project_id = :project AND deletion_id IS NULL"
                    + filters
                    + keyset
                    + (backwards ? " ORDER BY id ASC" : " ORDER BY id DESC")
                    + " LIMIT :limit"),
            project,
            query,
            true)
        .bind("limit", query.limit() + 1)
        .map((rs, ctx) -> JobStore.map(rs).info())
        .forEach(jobs::add);
    boolean more = jobs.size() > query.limit();
    if (more) {
      jobs.remove(jobs.size() - 1);
    }
    if (backwards) {
      Collections.reverse(jobs);
    }
    long total =
        bind(
                handle.createQuery(
                    "SELECT count(*) FROM jobs WHERE project_id = :project"
                        + " AND deletion_id IS NULL"
                        + filters),
                project,
                query,
                false)
            .mapTo(Long.class)
            .one();
    boolean hasOlder = backwards || more;
    boolean hasNewer = backwards ? more : query.beforeId() != null;
    return new Page(jobs, hasOlder, hasNewer, total);
  }

  private static String filters(Query query) {
    return (query.status() != null ? " AND status = :status" : "")
        + (query.nameContains() != null ? " AND strpos(name, :name) > 0" : "")
        + (query.creatorId() != null ? " AND creator_id = :creator" : "");
  }

  private static org.jdbi.v3.core.statement.Query bind(
      org.jdbi.v3.core.statement.Query sql, long project, Query query, boolean keyset) {
    sql.bind("project", project);
    if (query.status() != null) {
      sql.bind("status", query.status().name());
    }
    if (query.nameContains() != null) {
      sql.bind("name", query.nameContains());
    }
    if (query.creatorId() != null) {
      sql.bind("creator", query.creatorId());
    }
    if (keyset && query.beforeId() != null) {
      sql.bind("before", query.beforeId());
    }
    if (keyset && query.afterId() != null) {
      sql.bind("after", query.afterId());
    }
    return sql;
  }
}
