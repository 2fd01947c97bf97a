package org.acai.server.ui;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * The filters, as given in the query string (so a filtered list can be bookmarked).
 *
 * @param status a status name or empty
 * @param name a substring of the job name or empty
 * @param submitter a user name or empty
 * @param page zero-based page
 */
public record JobFilter(String status, String name, String submitter, int page) {
  static JobFilter of(Context ctx) {
    String page = ctx.queryParam("page");
    int number = page != null && page.matches("\\d{1,6}") ? Integer.parseInt(page) : 0;
    return new JobFilter(
        trimmed(ctx.queryParam("status")).toUpperCase(Locale.ROOT),
        trimmed(ctx.queryParam("name")),
        trimmed(ctx.queryParam("submitter")),
        number);
  }

  boolean accepts(JobRow row) {
    return (status.isEmpty() || row.job().jobStatus().name().equals(status))
        && (name.isEmpty() || row.job().name().contains(name))
        && (submitter.isEmpty() || row.submitter().equals(submitter));
  }

  /** The query string of another page of the same list. */
  public String pageQuery(int other) {
    return "?status="
        + encode(status)
        + "&name="
        + encode(name)
        + "&submitter="
        + encode(submitter)
        + "&page="
        + other;
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static String trimmed(String value) {
    return value == null ? "" : value.trim();
  }
}
