package org.acai.bench.ui;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times dashboard pages as a signed-in browser would fetch them, over loopback: the time from the
 * request to the last byte, which bounds the server-side render time from above.
 */
public final class PageTimer {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final HttpClient client =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private final URI base;
  private String cookie;

  /** A timer against the server at {@code base}. */
  public PageTimer(URI base) {
    this.base = base;
  }

  /** Signs in with a user token through the sign-in form. */
  public void signIn(String token) throws IOException, InterruptedException {
    HttpResponse<String> form = get("/ui/login", "");
    String loginCookie = cookie(form, "acai_login_csrf");
    Matcher csrf = CSRF.matcher(form.body());
    if (!csrf.find()) {
      throw new IllegalStateException("No CSRF field on the sign-in page");
    }
    String body =
        "_csrf=" + csrf.group(1) + "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    HttpResponse<String> answer =
        client.send(
            HttpRequest.newBuilder(base.resolve("/ui/login"))
                .header("Cookie", "acai_login_csrf=" + loginCookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    cookie = cookie(answer, "acai_session");
    if (cookie.isEmpty()) {
      throw new IllegalStateException("Cannot sign in: HTTP " + answer.statusCode());
    }
  }

  /**
   * Fetches {@code path} {@code warmup + runs} times; returns a table row with the status, the page
   * size and the p50/p95 of the measured runs in milliseconds.
   */
  public String row(String label, String path, int warmup, int runs)
      throws IOException, InterruptedException {
    List<Double> millis = new ArrayList<>();
    HttpResponse<String> last = null;
    for (int i = 0; i < warmup + runs; i++) {
      long start = System.nanoTime();
      last = get(path, "acai_session=" + cookie);
      if (i >= warmup) {
        millis.add((System.nanoTime() - start) / 1e6);
      }
    }
    Collections.sort(millis);
    return String.format(
        Locale.ROOT,
        "| %-34s | %4d | %8d | %7.1f | %7.1f |",
        label,
        last.statusCode(),
        last.body().length(),
        percentile(millis, 0.50),
        percentile(millis, 0.95));
  }

  private HttpResponse<String> get(String path, String cookies)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static double percentile(List<Double> sorted, double fraction) {
    int rank = (int) Math.ceil(fraction * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private static String cookie(HttpResponse<?> response, String name) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(value -> value.startsWith(name + "="))
        .map(value -> value.substring(name.length() + 1, value.indexOf(';')))
        .findFirst()
        .orElse("");
  }
}
