package org.acai.server.auth;

import org.acai.api.error.ConflictException;
import org.acai.api.error.ForbiddenException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchProjectException;
import org.acai.api.error.NoSuchUserException;
import org.acai.api.identity.Removal;
import org.acai.api.identity.UserInfo;
import org.jdbi.v3.core.Jdbi;

/** Removing users (project admins) and projects (the global admin). Thread-safe. */
public final class Removals {
  private final Jdbi jdbi;

  /** Creates the service over the identity tables. */
  public Removals(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Removes a user of the caller's project and revokes its tokens at once; what it uploaded stays.
   *
   * @throws ForbiddenException unless the caller administers its project
   * @throws NoSuchUserException if the project has no such user (also another project's users)
   * @throws ConflictException for the caller itself
   */
  public Removal deleteUser(Principal caller, long userId) {
    if (caller.isAdmin() || !caller.administers(caller.projectKey())) {
      throw new ForbiddenException(
          "Cannot delete user %d: needs the project admin's token", userId);
    }
    if (userId == caller.userId()) {
      throw new ConflictException("Cannot delete user %d: that is you", userId);
    }
    return jdbi.inTransaction(
        handle -> {
          IdentityStore store = new IdentityStore(handle);
          UserInfo user =
              store
                  .user(caller.projectKey(), userId)
                  .orElseThrow(() -> new NoSuchUserException("No such user: %d", userId));
          return new Removal("user " + user.userId(), store.removeUser(user.userId()), 0);
        });
  }

  /**
   * Removes a project: every token of its users is revoked at once, its files are forgotten and
   * their blobs handed to GC. Its name stays taken.
   *
   * @throws ForbiddenException if the caller is not the global admin (naming its own project)
   * @throws NoSuchProjectException if there is no such project, or the caller's token is another
   *     project's
   * @throws ConflictException while the project has jobs that have not ended
   */
  public Removal deleteProject(Principal caller, String projectName) {
    if (projectName == null || projectName.isBlank()) {
      throw new InvalidRequestException("Missing project_id");
    }
    if (!caller.isAdmin()) {
      if (projectName.equals(caller.projectId())) {
        throw new ForbiddenException(
            "Cannot delete project %s: only the global admin may", projectName);
      }
      throw new NoSuchProjectException("No such project: %s", projectName);
    }
    return jdbi.inTransaction(
        handle -> {
          IdentityStore store = new IdentityStore(handle);
          long project =
              handle
                  .createQuery(
                      "SELECT id FROM projects WHERE name = :name AND removed_at IS NULL"
                          + " FOR UPDATE")
                  .bind("name", projectName)
                  .mapTo(Long.class)
                  .findOne()
                  .orElseThrow(
                      () -> new NoSuchProjectException("No such project: %s", projectName));
          long unended = store.unendedJobs(project);
          if (unended > 0) {
            throw new ConflictException(
                "Cannot delete project %s: %d job(s) have not ended; kill them first",
                projectName, unended);
          }
          long tokens =
              handle
                  .createQuery(
                      "SELECT count(*) FROM tokens t JOIN users u ON u.id = t.user_id"
                          + " WHERE u.project_id = :p AND t.revoked_at IS NULL")
                  .bind("p", project)
                  .mapTo(Long.class)
                  .one();
          store.removeProject(project);
          long versions = ProjectData.forget(handle, project);
          return new Removal("project " + projectName, tokens, versions);
        });
  }
}
