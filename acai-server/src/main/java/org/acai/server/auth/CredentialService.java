package org.acai.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.acai.api.error.ForbiddenException;
import org.acai.api.error.NoSuchProjectException;
import org.acai.api.error.NoSuchUserException;
import org.acai.api.error.NotAuthenticatedException;
import org.acai.api.identity.CreateProjectResponse;
import org.acai.api.identity.CreateUserResponse;
import org.acai.api.identity.Identity;
import org.acai.api.identity.Role;
import org.acai.api.identity.UserInfo;
import org.jdbi.v3.core.Jdbi;

/** Projects, users and tokens: the rules of the credential service. Thread-safe. */
public final class CredentialService implements Authenticator {
  private static final String USER_TOKEN = "user";
  private static final String JOB_TOKEN = "job";

  private final Jdbi jdbi;

  /** Creates the service over the identity tables. */
  public CredentialService(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Principal authenticate(String token) {
    byte[] hash = Tokens.hash(token);
    IdentityStore.TokenLookup found =
        jdbi.withHandle(handle -> new IdentityStore(handle).lookup(hash));
    if (found.isAdmin(hash)) {
      return Principal.ADMIN;
    }
    return found
        .principal()
        .orElseThrow(
            () -> new NotAuthenticatedException("Invalid token: unknown, expired or revoked"));
  }

  /**
   * The project member whose live user token has the hash {@code tokenHash}; the web dashboard's
   * sessions keep only that hash, so rotating or revoking the token ends them too.
   *
   * @throws NotAuthenticatedException if no live user token has that hash
   */
  public Principal memberByTokenHash(byte[] tokenHash) {
    return jdbi.withHandle(handle -> new IdentityStore(handle).lookup(tokenHash))
        .principal()
        .filter(principal -> principal.role() != Role.JOB)
        .orElseThrow(() -> new NotAuthenticatedException("Invalid session: its token was revoked"));
  }

  /** The names of the users of the caller's project, by user id (any member may read them). */
  public java.util.Map<Long, String> memberNames(Principal caller) {
    return jdbi.withHandle(handle -> new IdentityStore(handle).users(caller.projectKey())).stream()
        .collect(java.util.stream.Collectors.toMap(UserInfo::userId, UserInfo::userName));
  }

  /**
   * Creates a project with its administrator.
   *
   * @throws ForbiddenException if the caller is not the global admin
   * @throws org.acai.api.error.AlreadyExistsException if the project name is taken
   */
  public CreateProjectResponse createProject(
      Principal caller, String projectName, String adminName) {
    if (!caller.isAdmin()) {
      throw new ForbiddenException(
          "Cannot create project %s: only the admin token may", projectName);
    }
    Names.check("project_id", projectName);
    Names.check("project_admin_name", adminName);
    return jdbi.inTransaction(
        handle -> {
          IdentityStore store = new IdentityStore(handle);
          long project = store.createProject(projectName);
          long admin = store.createUser(project, projectName, adminName, Role.PROJECT_ADMIN);
          String token = issue(store, admin);
          return new CreateProjectResponse(projectName, adminName, admin, token, token);
        });
  }

  /**
   * Creates a user in a project.
   *
   * @throws ForbiddenException unless the caller administers that project
   * @throws NoSuchProjectException if the project does not exist
   */
  public CreateUserResponse createUser(Principal caller, String projectName, String userName) {
    Names.check("project_id", projectName);
    Names.check("user_name", userName);
    return jdbi.inTransaction(
        handle -> {
          IdentityStore store = new IdentityStore(handle);
          long project = administeredProject(store, caller, projectName, "create users");
          long user = store.createUser(project, projectName, userName, Role.USER);
          return new CreateUserResponse(projectName, user, userName, issue(store, user));
        });
  }

  /** Who the caller is. */
  public Identity whoami(Principal caller) {
    return new Identity(caller.userId(), caller.userName(), caller.projectId(), caller.role());
  }

  /**
   * The users of a project; the caller's own project unless the admin names another.
   *
   * @throws ForbiddenException unless the caller administers that project
   */
  public List<UserInfo> listUsers(Principal caller, String projectName) {
    String project = projectName == null ? caller.projectId() : projectName;
    if (project == null) {
      throw new org.acai.api.error.InvalidRequestException("Missing project_id");
    }
    return jdbi.withHandle(
        handle -> {
          IdentityStore store = new IdentityStore(handle);
          return store.users(administeredProject(store, caller, project, "list users"));
        });
  }

  /**
   * Issues a new token for a user and revokes the user's other tokens.
   *
   * @param userId the user; null for the caller
   * @throws ForbiddenException if the caller is neither that user nor its project's admin
   */
  public CreateUserResponse rotate(Principal caller, Long userId) {
    return jdbi.inTransaction(
        handle -> {
          IdentityStore store = new IdentityStore(handle);
          UserInfo user = target(store, caller, userId, "rotate");
          store.revokeUserTokens(user.userId());
          return new CreateUserResponse(
              caller.projectId(), user.userId(), user.userName(), issue(store, user.userId()));
        });
  }

  /**
   * Revokes every token of a user.
   *
   * @param userId the user; null for the caller
   * @return how many tokens were revoked
   */
  public int revoke(Principal caller, Long userId) {
    return jdbi.inTransaction(
        handle -> {
          IdentityStore store = new IdentityStore(handle);
          return store.revokeUserTokens(target(store, caller, userId, "revoke").userId());
        });
  }

  /** Issues an expiring token that acts for one job in the submitting user's project. */
  public String issueJobToken(long userId, long jobId, Duration ttl) {
    String token = Tokens.generate();
    jdbi.useHandle(
        handle ->
            new IdentityStore(handle)
                .insertToken(
                    userId, Tokens.hash(token), JOB_TOKEN, jobId, Instant.now().plus(ttl)));
    return token;
  }

  /** Revokes the tokens of a job once it has ended. */
  public void revokeJobTokens(long jobId) {
    jdbi.useHandle(handle -> new IdentityStore(handle).revokeJobTokens(jobId));
  }

  /** Creates the admin token's hash if none exists yet; returns whether it did. */
  boolean initAdminHash(byte[] hash, boolean replace) {
    return jdbi.inTransaction(
        handle -> {
          IdentityStore store = new IdentityStore(handle);
          if (!replace && store.adminHash().isPresent()) {
            return false;
          }
          store.setAdminHash(hash);
          return true;
        });
  }

  private static String issue(IdentityStore store, long userId) {
    String token = Tokens.generate();
    store.insertToken(userId, Tokens.hash(token), USER_TOKEN, null, null);
    return token;
  }

  private static long administeredProject(
      IdentityStore store, Principal caller, String projectName, String action) {
    if (!caller.isAdmin() && !projectName.equals(caller.projectId())) {
      throw new ForbiddenException(
          "Cannot %s in project %s: not your project", action, projectName);
    }
    long project =
        store
            .projectKey(projectName)
            .orElseThrow(() -> new NoSuchProjectException("No such project: %s", projectName));
    if (!caller.administers(project)) {
      throw new ForbiddenException(
          "Cannot %s in project %s: needs the project admin's token", action, projectName);
    }
    return project;
  }

  private static UserInfo target(
      IdentityStore store, Principal caller, Long userId, String action) {
    if (caller.isAdmin() || caller.role() == Role.JOB) {
      throw new ForbiddenException(
          "Cannot %s tokens with this token: use a project user's token", action);
    }
    long id = userId == null ? caller.userId() : userId;
    if (id != caller.userId() && !caller.administers(caller.projectKey())) {
      throw new ForbiddenException(
          "Cannot %s the tokens of user %d: needs the project admin's token", action, id);
    }
    return store
        .user(caller.projectKey(), id)
        .orElseThrow(() -> new NoSuchUserException("No such user: %d", id));
  }
}
