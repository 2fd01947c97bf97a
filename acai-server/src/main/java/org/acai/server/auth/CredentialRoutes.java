package org.acai.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NotAuthenticatedException;
import org.acai.api.identity.CreateProjectRequest;
import org.acai.api.identity.CreateUserRequest;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Caller;
import org.acai.server.http.Requests;
import org.acai.server.http.Router;

/** The {@code /credential/*} endpoints. */
public final class CredentialRoutes implements ApiRoutes {
  private final CredentialService credentials;
  private final Removals removals;
  private final Caller caller;

  /** Creates the routes over the credential service. */
  public CredentialRoutes(CredentialService credentials, Removals removals, Caller caller) {
    this.credentials = credentials;
    this.removals = removals;
    this.caller = caller;
  }

  @Override
  public void register(Router router) {
    router
        .post("/credential/create_project", this::createProject)
        .post("/credential/create_user", this::createUser)
        .get("/credential/whoami", ctx -> ctx.json(credentials.whoami(caller.principal(ctx))))
        .get(
            "/credential/list_users",
            ctx ->
                ctx.json(
                    credentials.listUsers(caller.principal(ctx), ctx.queryParam("project_id"))))
        .post(
            "/credential/rotate_token",
            ctx -> ctx.json(credentials.rotate(caller.principal(ctx), userId(ctx))))
        .post("/credential/revoke_token", this::revoke)
        .post("/credential/delete_user", this::deleteUser)
        .post(
            "/credential/delete_project",
            ctx ->
                ctx.json(
                    removals.deleteProject(
                        caller.principal(ctx),
                        Requests.body(ctx).path("project_id").asText(null))));
  }

  private void deleteUser(Context ctx) {
    Principal principal = caller.principal(ctx);
    Long user = userId(ctx);
    if (user == null) {
      throw new InvalidRequestException("Missing user_id");
    }
    ctx.json(removals.deleteUser(principal, user));
  }

  private void createProject(Context ctx) {
    CreateProjectRequest request = Requests.body(ctx, CreateProjectRequest.class);
    Principal admin = adminCredential(ctx, request.adminToken());
    ctx.json(credentials.createProject(admin, request.projectId(), request.projectAdminName()));
  }

  private void createUser(Context ctx) {
    CreateUserRequest request = Requests.body(ctx, CreateUserRequest.class);
    Principal admin = adminCredential(ctx, request.adminToken());
    ctx.json(credentials.createUser(admin, request.projectId(), request.userName()));
  }

  private void revoke(Context ctx) {
    Principal principal = caller.principal(ctx);
    int revoked = credentials.revoke(principal, userId(ctx));
    ctx.json(Map.of("revoked", revoked));
  }

  /** The original client sends the admin token as {@code admin_token}; ours as a bearer header. */
  private Principal adminCredential(Context ctx, String bodyToken) {
    String token =
        bodyToken != null && !bodyToken.isBlank()
            ? bodyToken
            : caller
                .token(ctx)
                .orElseThrow(
                    () -> new NotAuthenticatedException("Missing admin_token or bearer token"));
    return credentials.authenticate(token);
  }

  private static Long userId(Context ctx) {
    JsonNode field = Requests.body(ctx).get("user_id");
    if (field == null || field.isNull()) {
      return null;
    }
    if (!field.canConvertToLong() || !field.isIntegralNumber()) {
      throw new InvalidRequestException("Invalid user_id: %s (expected an integer)", field);
    }
    return field.asLong();
  }
}
