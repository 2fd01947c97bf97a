package org.acai.server.ui;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import org.acai.api.error.NotAuthenticatedException;
import org.acai.server.auth.CredentialService;
import org.acai.server.auth.Tokens;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Router;

/**
 * Sign-in by pasting a user token, by a one-time login link, and sign-out. The token is posted in
 * the form body, checked, and only its hash is kept in the session row; it never reaches the
 * browser's storage or a URL.
 */
final class SignIn implements ApiRoutes {
  private static final String LOGIN_CSRF = "acai_login_csrf";

  private final Sessions sessions;
  private final CredentialService credentials;
  private final UiGuard guard;
  private final Pages pages;

  SignIn(Sessions sessions, CredentialService credentials, UiGuard guard, Pages pages) {
    this.sessions = sessions;
    this.credentials = credentials;
    this.guard = guard;
    this.pages = pages;
  }

  @Override
  public void register(Router router) {
    router
        .get("/", ctx -> ctx.redirect("/ui/", HttpStatus.FOUND))
        .get("/ui/", guard.member((ctx, viewer) -> ctx.redirect("/ui/jobs", HttpStatus.SEE_OTHER)))
        .get("/ui/login", guard.open(this::form))
        .post("/ui/login", guard.open(this::signIn))
        .get("/ui/login/link", guard.open(this::link))
        .post("/ui/logout", guard.member(this::signOut));
  }

  private void form(Context ctx) {
    if (guard.viewer(ctx).isPresent()) {
      ctx.redirect("/ui/jobs", HttpStatus.SEE_OTHER);
      return;
    }
    showForm(ctx, null);
  }

  /**
   * The sign-in form has no session yet, so its CSRF token is a double-submit pair: a random value
   * in an HttpOnly, SameSite=Strict cookie and the same value in the form.
   */
  private void showForm(Context ctx, String message) {
    String token = Tokens.generate();
    String secure = "https".equals(ctx.scheme()) ? "; Secure" : "";
    ctx.res()
        .addHeader(
            "Set-Cookie",
            LOGIN_CSRF + "=" + token + "; Path=/ui/login; HttpOnly; SameSite=Strict" + secure);
    if (message != null) {
      ctx.status(HttpStatus.UNAUTHORIZED);
    }
    pages.render(
        ctx,
        "login.jte",
        Map.of(
            "shell",
            Shell.anonymous("Sign in"),
            "csrf",
            token,
            "message",
            message == null ? "" : message));
  }

  private void signIn(Context ctx) {
    String expected = ctx.cookie(LOGIN_CSRF);
    if (expected == null
        || !UiGuard.isForm(ctx)
        || !Sessions.sameSecret(expected, ctx.formParam(UiGuard.CSRF_FIELD))) {
      pages.error(ctx, 403, Shell.anonymous("Refused"), "Refused: missing or wrong CSRF token");
      return;
    }
    String token = ctx.formParam("token");
    if (token == null || token.isBlank() || token.length() > 200) {
      showForm(ctx, "Paste your ACAI token (acai whoami shows whose it is)");
      return;
    }
    byte[] hash = Tokens.hash(token.trim());
    try {
      credentials.memberByTokenHash(hash);
    } catch (NotAuthenticatedException e) {
      showForm(ctx, "Invalid token: unknown, expired, revoked or not a project user's");
      return;
    }
    startSession(ctx, hash);
  }

  private void link(Context ctx) {
    String code = ctx.queryParam("code");
    byte[] hash = code == null || code.length() > 200 ? null : sessions.redeem(code).orElse(null);
    if (hash == null) {
      pages.error(
          ctx,
          401,
          Shell.anonymous("Sign in"),
          "This login link is unknown, used or expired: run acai ui again");
      return;
    }
    startSession(ctx, hash);
  }

  private void startSession(Context ctx, byte[] tokenHash) {
    String id = sessions.open(tokenHash);
    UiGuard.setSessionCookie(ctx, id, Sessions.SESSION_TTL.toSeconds());
    ctx.redirect("/ui/jobs", HttpStatus.SEE_OTHER);
  }

  private void signOut(Context ctx, Viewer viewer) {
    sessions.revoke(ctx.cookie(UiGuard.COOKIE));
    UiGuard.setSessionCookie(ctx, "", 0);
    ctx.redirect("/ui/login", HttpStatus.SEE_OTHER);
  }
}
