package org.acai.server.lifecycle;

import java.util.LinkedHashMap;
import java.util.Map;
import org.acai.api.lifecycle.Usage;
import org.jdbi.v3.core.Jdbi;

/** What a project stores, from three aggregate queries. Thread-safe. */
final class UsageQuery {
  private final Jdbi jdbi;

  UsageQuery(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  Usage of(long project) {
    return jdbi.withHandle(
        handle -> {
          Map<String, Long> jobs = new LinkedHashMap<>();
          handle
              .createQuery(
                  "SELECT status, count(*) AS n FROM jobs WHERE project_id = :project"
                      + " AND deletion_id IS NULL GROUP BY status ORDER BY status")
              .bind("project", project)
              .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("n")))
              .forEach(row -> jobs.put(row.getKey(), row.getValue()));
          long physical =
              handle
                  .createQuery(
                      "SELECT coalesce(sum(size), 0) FROM (SELECT DISTINCT sha256, size"
                          + " FROM file_versions WHERE project_id = :project) b")
                  .bind("project", project)
                  .mapTo(Long.class)
                  .one();
          return handle
              .createQuery(
                  "SELECT count(*) FILTER (WHERE deletion_id IS NULL) AS versions,"
                      + " count(DISTINCT path) FILTER (WHERE deletion_id IS NULL) AS paths,"
                      + " coalesce(sum(size) FILTER (WHERE deletion_id IS NULL), 0) AS logical,"
                      + " count(*) FILTER (WHERE deletion_id IS NOT NULL) AS trashed,"
                      + " coalesce(sum(size) FILTER (WHERE deletion_id IS NOT NULL), 0) AS tbytes"
                      + " FROM file_versions WHERE project_id = :project")
              .bind("project", project)
              .map(
                  (rs, ctx) ->
                      new Usage(
                          rs.getLong("versions"),
                          rs.getLong("paths"),
                          rs.getLong("logical"),
                          physical,
                          rs.getLong("trashed"),
                          rs.getLong("tbytes"),
                          jobs))
              .one();
        });
  }
}
