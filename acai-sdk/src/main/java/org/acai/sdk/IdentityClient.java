package org.acai.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.acai.api.identity.CreateUserResponse;
import org.acai.api.identity.Identity;
import org.acai.api.identity.Removal;
import org.acai.api.identity.UserInfo;
import org.acai.sdk.internal.Transport;

/** Who am I, the project's users, and token rotation/revocation. Thread-safe. */
public final class IdentityClient {
  private static final TypeReference<List<UserInfo>> USERS = new TypeReference<>() {};

  private final Transport transport;

  IdentityClient(Transport transport) {
    this.transport = transport;
  }

  /**
   * The user, project and role of this client's token.
   *
   * @throws org.acai.api.error.NotAuthenticatedException if the token is invalid or revoked
   */
  public Identity whoami() {
    return transport.get("/credential/whoami", Map.of(), Identity.class);
  }

  /**
   * The users of this client's project.
   *
   * @throws org.acai.api.error.ForbiddenException unless the token is the project admin's
   */
  public List<UserInfo> listUsers() {
    return transport.get("/credential/list_users", Map.of(), USERS);
  }

  /**
   * Replaces this client's own token with a new one; the old token stops working.
   *
   * @return the new token
   */
  public CreateUserResponse rotateToken() {
    return transport.post("/credential/rotate_token", Map.of(), CreateUserResponse.class);
  }

  /**
   * Replaces a user's token (project admin only); the user's old tokens stop working.
   *
   * @throws org.acai.api.error.ForbiddenException unless the token is the project admin's
   * @throws org.acai.api.error.NoSuchUserException if the project has no such user
   */
  public CreateUserResponse rotateToken(long userId) {
    return transport.post(
        "/credential/rotate_token", Map.of("user_id", userId), CreateUserResponse.class);
  }

  /**
   * Revokes every token of a user (project admin, or the user itself).
   *
   * @param userId the user, or null for the caller
   * @return how many tokens were revoked
   */
  public int revokeTokens(Long userId) {
    Map<String, Object> body = new HashMap<>();
    body.put("user_id", userId);
    return transport.post("/credential/revoke_token", body, Map.class).get("revoked")
            instanceof Number revoked
        ? revoked.intValue()
        : 0;
  }

  /**
   * Removes a user of this client's project (project admin only): its tokens, its jobs' too, stop
   * working at once; what it uploaded or created stays.
   *
   * @throws org.acai.api.error.ForbiddenException unless the token is the project admin's
   * @throws org.acai.api.error.NoSuchUserException if the project has no such user
   * @throws org.acai.api.error.ConflictException for the caller itself
   */
  public Removal deleteUser(long userId) {
    return transport.post("/credential/delete_user", Map.of("user_id", userId), Removal.class);
  }
}
