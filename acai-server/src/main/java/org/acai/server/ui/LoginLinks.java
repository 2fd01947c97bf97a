package org.acai.server.ui;

import io.javalin.http.Context;
import java.util.Map;
import org.acai.api.error.NotAuthenticatedException;
import org.acai.server.auth.Tokens;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Caller;
import org.acai.server.http.Router;

/**
 * {@code POST /credential/ui_login_link}: an API call (bearer token) that makes a one-time,
 * two-minute login code for the caller and answers the dashboard path that redeems it. {@code acai
 * ui} and {@code acai demo} print that link.
 */
final class LoginLinks implements ApiRoutes {
  private final Sessions sessions;
  private final Caller caller;

  LoginLinks(Sessions sessions, Caller caller) {
    this.sessions = sessions;
    this.caller = caller;
  }

  @Override
  public void register(Router router) {
    router.post("/credential/ui_login_link", this::create);
  }

  private void create(Context ctx) {
    if (caller.member(ctx).jobId() != null) {
      throw new org.acai.api.error.ForbiddenException(
          "Cannot make a login link with a job token: use a project user's token");
    }
    String token =
        caller.token(ctx).orElseThrow(() -> new NotAuthenticatedException("Missing token"));
    String code = sessions.newLoginCode(Tokens.hash(token));
    ctx.json(
        Map.of(
            "path",
            "/ui/login/link?code=" + code,
            "expires_in_seconds",
            Sessions.CODE_TTL.toSeconds()));
  }
}
