package org.acai.server.ui;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.acai.api.job.JobStatus;
import org.acai.server.job.JobListing;

/**
 * The filters and the page, as given in the query string (so a filtered list can be bookmarked).
 *
 * @param status a status name or empty
 * @param name a substring of the job name or empty
 * @param submitter a user name or empty
 * @param before show jobs older than this id (next page), or null for the newest
 * @param after show jobs newer than this id (previous page), or null
 */
public record JobFilter(String status, String name, String submitter, Long before, Long after) {
  static JobFilter of(Context ctx) {
    return new JobFilter(
        trimmed(ctx.queryParam("status")).toUpperCase(Locale.ROOT),
        trimmed(ctx.queryParam("name")),
        trimmed(ctx.queryParam("submitter")),
        id(ctx.queryParam("before")),
        id(ctx.queryParam("after")));
  }

  /** The SQL query of this filter; an unknown status or submitter matches nothing. */
  JobListing.Query query(Map<Long, String> names, int limit) {
    JobStatus wanted = null;
    Long creator = null;
    boolean impossible = false;
    if (!status.isEmpty()) {
      try {
        wanted = JobStatus.valueOf(status);
      } catch (IllegalArgumentException e) {
        impossible = true;
      }
    }
    if (!submitter.isEmpty()) {
      creator =
          names.entrySet().stream()
              .filter(e -> e.getValue().equals(submitter))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(-1L);
    }
    return new JobListing.Query(
        wanted,
        name.isEmpty() ? null : name,
        impossible ? Long.valueOf(-1L) : creator,
        before,
        before == null ? after : null,
        limit);
  }

  /** The query string of the page of jobs older than {@code id}. */
  public String olderQuery(long id) {
    return filters() + "&before=" + id;
  }

  /** The query string of the page of jobs newer than {@code id}. */
  public String newerQuery(long id) {
    return filters() + "&after=" + id;
  }

  private String filters() {
    return "?status="
        + encode(status)
        + "&name="
        + encode(name)
        + "&submitter="
        + encode(submitter);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Long id(String value) {
    return value != null && value.matches("\\d{1,18}") ? Long.valueOf(value) : null;
  }

  private static String trimmed(String value) {
    return value == null ? "" : value.trim();
  }
}
