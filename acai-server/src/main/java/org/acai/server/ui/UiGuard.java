package org.acai.server.ui;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.Map;
import java.util.Optional;
import org.acai.api.error.AcaiException;
import org.acai.api.error.NotAuthenticatedException;
import org.acai.server.auth.CredentialService;
import org.acai.server.auth.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The security frame of every dashboard request: response headers (CSP, framing, sniffing,
 * caching), the session cookie, the CSRF check on every POST, and errors as pages, never stack
 * traces. Thread-safe.
 */
final class UiGuard {
  static final String COOKIE = "acai_session";
  static final String CSRF_FIELD = "_csrf";
  static final String CSRF_HEADER = "X-CSRF-Token";
  private static final Logger LOG = LoggerFactory.getLogger(UiGuard.class);
  private static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  /** A page or action of a signed-in member. */
  @FunctionalInterface
  interface MemberHandler {
    void handle(Context ctx, Viewer viewer) throws Exception;
  }

  private final Sessions sessions;
  private final CredentialService credentials;
  private final Pages pages;

  UiGuard(Sessions sessions, CredentialService credentials, Pages pages) {
    this.sessions = sessions;
    this.credentials = credentials;
    this.pages = pages;
  }

  /** A handler for signed-in members; others are sent to the sign-in page. */
  Handler member(MemberHandler handler) {
    return ctx -> {
      headers(ctx);
      try {
        Optional<Viewer> viewer = viewer(ctx);
        if (viewer.isEmpty()) {
          if (HandlerType.GET.equals(ctx.method())) {
            ctx.redirect("/ui/login", io.javalin.http.HttpStatus.SEE_OTHER);
          } else {
            failure(ctx, null, new NotAuthenticatedException("Not signed in"));
          }
          return;
        }
        if (!HandlerType.GET.equals(ctx.method()) && !csrfOk(ctx, viewer.get().csrf())) {
          pages.error(
              ctx, 403, viewer.get().shell("Refused"), "Refused: missing or wrong CSRF token");
          return;
        }
        handler.handle(ctx, viewer.get());
      } catch (AcaiException e) {
        failure(ctx, viewer(ctx).orElse(null), e);
      } catch (RuntimeException e) {
        LOG.error("Dashboard failure on {} {}", ctx.method(), ctx.path(), e);
        pages.error(
            ctx, 500, Shell.anonymous("Error"), "Internal error; the server log has the details");
      }
    };
  }

  /** A handler open to anyone (sign-in, assets): headers and error pages only. */
  Handler open(Handler handler) {
    return ctx -> {
      headers(ctx);
      try {
        handler.handle(ctx);
      } catch (AcaiException e) {
        failure(ctx, null, e);
      }
    };
  }

  private void failure(Context ctx, Viewer viewer, AcaiException e) {
    Shell shell = viewer == null ? Shell.anonymous("Error") : viewer.shell("Error");
    pages.error(ctx, e.code().httpStatus(), shell, e.getMessage());
  }

  /** The signed-in member, if the request carries a live session cookie. */
  Optional<Viewer> viewer(Context ctx) {
    String id = ctx.cookie(COOKIE);
    if (id == null || id.isBlank() || id.length() > 200) {
      return Optional.empty();
    }
    return sessions
        .tokenHash(id)
        .flatMap(this::member)
        .map(principal -> new Viewer(principal, Sessions.csrfToken(id)));
  }

  private Optional<Principal> member(byte[] tokenHash) {
    try {
      return Optional.of(credentials.memberByTokenHash(tokenHash));
    } catch (NotAuthenticatedException e) {
      return Optional.empty();
    }
  }

  private static boolean csrfOk(Context ctx, String expected) {
    String given = ctx.header(CSRF_HEADER);
    if (given == null && isForm(ctx)) {
      given = ctx.formParam(CSRF_FIELD);
    }
    return Sessions.sameSecret(expected, given);
  }

  static boolean isForm(Context ctx) {
    String type = ctx.contentType();
    return type != null
        && (type.startsWith("application/x-www-form-urlencoded")
            || type.startsWith("multipart/form-data"));
  }

  static void headers(Context ctx) {
    Map.of(
            "Content-Security-Policy", CSP,
            "X-Frame-Options", "DENY",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-store")
        .forEach(ctx::header);
  }

  /** Sets the session cookie: HttpOnly, SameSite=Strict, Secure on https, scoped to /ui. */
  static void setSessionCookie(Context ctx, String value, long maxAgeSeconds) {
    String secure = "https".equals(ctx.scheme()) ? "; Secure" : "";
    ctx.res()
        .addHeader(
            "Set-Cookie",
            COOKIE
                + "="
                + value
                + "; Path=/ui; Max-Age="
                + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict"
                + secure);
  }
}
