package org.acai.server.ui;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.acai.api.error.AlreadyExistsException;
import org.acai.api.error.ForbiddenException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchUserException;
import org.acai.api.identity.CreateUserResponse;
import org.acai.server.auth.CredentialService;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Router;

/**
 * {@code /ui/admin}: the project admin's page of users and tokens, through the same credential
 * service (and its checks) as {@code /credential/*}. A new token is in the POST's answer only,
 * shown once: never in a URL, a redirect or a log.
 */
final class AdminPage implements ApiRoutes {
  private final CredentialService credentials;
  private final UiGuard guard;
  private final Pages pages;

  AdminPage(CredentialService credentials, UiGuard guard, Pages pages) {
    this.credentials = credentials;
    this.guard = guard;
    this.pages = pages;
  }

  @Override
  public void register(Router router) {
    router
        .get("/ui/admin", guard.member(admin(this::show)))
        .post("/ui/admin/users", guard.member(admin(this::create)))
        .post("/ui/admin/users/{id}/rotate", guard.member(admin(this::rotate)))
        .post("/ui/admin/users/{id}/revoke", guard.member(admin(this::revoke)));
  }

  /** Lets only the project's admins through, before any service is asked. */
  private static UiGuard.MemberHandler admin(UiGuard.MemberHandler handler) {
    return (ctx, viewer) -> {
      if (!viewer.shell("").admin()) {
        throw new ForbiddenException(
            "Cannot open the admin pages: needs the project admin's token");
      }
      handler.handle(ctx, viewer);
    };
  }

  private void show(Context ctx, Viewer viewer) {
    render(ctx, viewer, null, "");
  }

  private void create(Context ctx, Viewer viewer) {
    String name = ctx.formParam("user_name");
    try {
      CreateUserResponse user =
          credentials.createUser(
              viewer.principal(), viewer.principal().projectId(), name == null ? "" : name.trim());
      render(ctx, viewer, user, "Created user " + user.userName() + ".");
    } catch (InvalidRequestException | AlreadyExistsException e) {
      ctx.status(HttpStatus.BAD_REQUEST);
      render(ctx, viewer, null, e.getMessage());
    }
  }

  private void rotate(Context ctx, Viewer viewer) {
    CreateUserResponse user = credentials.rotate(viewer.principal(), userId(ctx));
    String note =
        user.userId() == viewer.principal().userId()
            ? " Your own old token no longer works: sign in again with the new one."
            : "";
    render(
        ctx,
        viewer,
        user,
        "New token for " + user.userName() + "; the old ones are revoked." + note);
  }

  private void revoke(Context ctx, Viewer viewer) {
    long id = userId(ctx);
    int count = credentials.revoke(viewer.principal(), id);
    if (id == viewer.principal().userId()) {
      ctx.redirect("/ui/login", HttpStatus.SEE_OTHER);
      return;
    }
    render(ctx, viewer, null, "Revoked " + count + " token(s) of user " + id + ".");
  }

  private void render(Context ctx, Viewer viewer, CreateUserResponse shown, String message) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("shell", viewer.shell("Project admin"));
    params.put("users", credentials.listUsers(viewer.principal(), null));
    params.put("shownName", shown == null ? "" : shown.userName());
    params.put("shownToken", shown == null ? "" : shown.userToken());
    params.put("message", message);
    pages.render(ctx, "admin.jte", params);
  }

  private static long userId(Context ctx) {
    String id = ctx.pathParam("id");
    if (!id.matches("\\d{1,18}")) {
      throw new NoSuchUserException("No such user: %s", id);
    }
    return Long.parseLong(id);
  }
}
