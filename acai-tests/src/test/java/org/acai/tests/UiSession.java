package org.acai.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like dashboard client over java.net.http: keeps the session cookie by hand. */
final class UiSession {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final URI base;
  private String cookie = "";

  UiSession(URI base) {
    this.base = base;
  }

  /** Signs in by pasting {@code token} in the form; returns the POST's answer. */
  static UiSession signIn(URI base, String token) {
    UiSession session = new UiSession(base);
    HttpResponse<String> form = session.get("/ui/login");
    String loginCookie = setCookie(form, "acai_login_csrf");
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(base.resolve("/ui/login"))
                .header("Cookie", "acai_login_csrf=" + loginCookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form(Map.of("_csrf", csrfOf(form.body()), "token", token)))
                .build());
    session.cookie = setCookie(answer, "acai_session");
    return session;
  }

  /** Adopts the session cookie a response set. */
  UiSession adopt(HttpResponse<String> response) {
    cookie = setCookie(response, "acai_session");
    return this;
  }

  String cookie() {
    return cookie;
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  /** A form POST; {@code fields} may or may not carry {@code _csrf}. */
  HttpResponse<String> post(String path, Map<String, String> fields) {
    return send(
        request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(form(fields))
            .build());
  }

  /** A POST of raw bytes, with {@code csrf} in the X-CSRF-Token header unless it is null. */
  HttpResponse<String> postBytes(String path, byte[] body, String csrf) {
    HttpRequest.Builder builder =
        request(path)
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    return send(csrf == null ? builder.build() : builder.header("X-CSRF-Token", csrf).build());
  }

  /** A GET whose body is kept as bytes (downloads). */
  HttpResponse<byte[]> getBytes(String path) {
    try {
      return CLIENT.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The CSRF token the jobs page's forms carry. */
  String csrf() {
    return csrfOf(get("/ui/jobs").body());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path));
    return cookie.isEmpty() ? builder : builder.header("Cookie", "acai_session=" + cookie);
  }

  static String csrfOf(String page) {
    Matcher matcher = CSRF.matcher(page);
    if (!matcher.find()) {
      throw new AssertionError("No CSRF field in page: " + page);
    }
    return matcher.group(1);
  }

  static String setCookie(HttpResponse<?> response, String name) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(value -> value.startsWith(name + "="))
        .map(value -> value.substring(name.length() + 1, value.indexOf(';')))
        .findFirst()
        .orElse("");
  }

  private static HttpRequest.BodyPublisher form(Map<String, String> fields) {
    return HttpRequest.BodyPublishers.ofString(
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&")));
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
