package org.acai.server.quota;

import org.acai.api.error.ForbiddenException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchProjectException;
import org.acai.api.lifecycle.Quota;
import org.acai.api.lifecycle.SetQuotaRequest;
import org.acai.server.auth.Principal;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Sets and shows project quotas; only the global admin may. Thread-safe. */
public final class QuotaService {
  private final Jdbi jdbi;

  /** Creates the service over the quota table. */
  public QuotaService(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Replaces a project's quota.
   *
   * @throws ForbiddenException unless the caller is the global admin
   * @throws NoSuchProjectException if there is no such project
   */
  public Quota set(Principal caller, SetQuotaRequest request) {
    requireAdmin(caller, "set quotas");
    checkLimit("max_bytes", request.maxBytes());
    checkLimit("max_files", request.maxFiles());
    checkLimit("max_running_jobs", request.maxRunningJobs());
    return jdbi.inTransaction(
        handle -> {
          long project = project(handle, request.projectId());
          handle
              .createUpdate(
                  "INSERT INTO project_quotas (project_id, max_bytes, max_files, max_running_jobs)"
                      + " VALUES (:p, :bytes, :files, :jobs) ON CONFLICT (project_id) DO UPDATE"
                      + " SET max_bytes = EXCLUDED.max_bytes, max_files = EXCLUDED.max_files,"
                      + " max_running_jobs = EXCLUDED.max_running_jobs")
              .bind("p", project)
              .bind("bytes", request.maxBytes())
              .bind("files", request.maxFiles())
              .bind("jobs", request.maxRunningJobs())
              .execute();
          return show(handle, request.projectId(), project);
        });
  }

  /**
   * A project's quota and usage.
   *
   * @throws ForbiddenException unless the caller is the global admin
   * @throws NoSuchProjectException if there is no such project
   */
  public Quota show(Principal caller, String projectName) {
    requireAdmin(caller, "show quotas");
    return jdbi.withHandle(handle -> show(handle, projectName, project(handle, projectName)));
  }

  private static Quota show(Handle handle, String name, long project) {
    Quotas.Limits limits =
        Quotas.limits(handle, project, "").orElse(new Quotas.Limits(null, null, null));
    Quotas.Used used = Quotas.used(handle, project);
    return new Quota(
        name,
        limits.maxBytes(),
        limits.maxFiles(),
        limits.maxRunningJobs(),
        used.bytes(),
        used.files(),
        Quotas.runningJobs(handle, project));
  }

  private static long project(Handle handle, String name) {
    if (name == null || name.isBlank()) {
      throw new InvalidRequestException("Missing project_id");
    }
    return handle
        .createQuery("SELECT id FROM projects WHERE name = :name AND removed_at IS NULL")
        .bind("name", name)
        .mapTo(Long.class)
        .findOne()
        .orElseThrow(() -> new NoSuchProjectException("No such project: %s", name));
  }

  private static void requireAdmin(Principal caller, String action) {
    if (!caller.isAdmin()) {
      throw new ForbiddenException("Cannot %s: only the global admin may", action);
    }
  }

  private static void checkLimit(String name, Long value) {
    if (value != null && value < 0) {
      throw new InvalidRequestException("Invalid %s: %d (a limit is >= 0)", name, value);
    }
  }
}
