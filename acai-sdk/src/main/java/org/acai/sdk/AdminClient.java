package org.acai.sdk;

import java.util.Map;
import org.acai.api.identity.Removal;
import org.acai.api.lifecycle.FsckReport;
import org.acai.api.lifecycle.GcReport;
import org.acai.api.lifecycle.Quota;
import org.acai.api.lifecycle.SetQuotaRequest;
import org.acai.sdk.internal.Transport;

/** Server administration; every call needs the global admin token. Thread-safe. */
public final class AdminClient {
  private final Transport transport;

  AdminClient(Transport transport) {
    this.transport = transport;
  }

  /**
   * Runs garbage collection now: purges trash older than the retention period that nothing pins,
   * then deletes blobs no version references.
   *
   * @throws org.acai.api.error.ForbiddenException without the global admin token
   */
  public GcReport gc() {
    return transport.post("/admin/gc", Map.of("dry_run", false), GcReport.class);
  }

  /**
   * What {@link #gc} would purge and free now, changing nothing.
   *
   * @throws org.acai.api.error.ForbiddenException without the global admin token
   */
  public GcReport gcDryRun() {
    return transport.post("/admin/gc", Map.of("dry_run", true), GcReport.class);
  }

  /**
   * Checks that the blob of every file version exists; changes nothing.
   *
   * @throws org.acai.api.error.ForbiddenException without the global admin token
   */
  public FsckReport fsck() {
    return transport.post("/admin/fsck", Map.of("verify_hashes", false), FsckReport.class);
  }

  /**
   * As {@link #fsck}, and reads every blob to check its size and SHA-256.
   *
   * @throws org.acai.api.error.ForbiddenException without the global admin token
   */
  public FsckReport fsckWithHashes() {
    return transport.post("/admin/fsck", Map.of("verify_hashes", true), FsckReport.class);
  }

  /**
   * As {@link #fsck}, and repairs what is safe to repair: orphan blobs become GC candidates (freed
   * by a later GC after the grace period unless something references them by then) and segment
   * files unknown to the index for over an hour are deleted. It never deletes a referenced
   * version's bytes.
   *
   * @param verifyHashes whether to read every referenced blob and check its size and SHA-256
   * @throws org.acai.api.error.ForbiddenException without the global admin token
   */
  public FsckReport fsckAndRepair(boolean verifyHashes) {
    return transport.post(
        "/admin/fsck", Map.of("verify_hashes", verifyHashes, "repair", true), FsckReport.class);
  }

  /**
   * Replaces a project's quota: most bytes and file versions (visible ones; the trash does not
   * count) and most jobs not yet ended. A null limit is no limit. Uploads and job submissions past
   * a limit are refused with {@link org.acai.api.error.QuotaExceededException} before any byte is
   * stored.
   *
   * @param limits the project and its new limits
   * @return the quota and what the project uses now
   * @throws org.acai.api.error.ForbiddenException without the global admin token
   * @throws org.acai.api.error.NoSuchProjectException if there is no such project
   * @throws org.acai.api.error.InvalidRequestException if a limit is negative
   */
  public Quota setQuota(SetQuotaRequest limits) {
    return transport.post("/admin/set_quota", limits, Quota.class);
  }

  /**
   * A project's quota and what it uses now.
   *
   * @param projectId the project's name
   * @throws org.acai.api.error.ForbiddenException without the global admin token
   * @throws org.acai.api.error.NoSuchProjectException if there is no such project
   */
  public Quota quota(String projectId) {
    return transport.get("/admin/quota", Map.of("project_id", projectId), Quota.class);
  }

  /**
   * Removes a project: every token of its users stops working at once, its files, file sets and
   * metadata are forgotten and their blobs handed to garbage collection. Its name stays taken.
   *
   * @param projectId the project's name
   * @throws org.acai.api.error.ForbiddenException without the global admin token
   * @throws org.acai.api.error.NoSuchProjectException if there is no such project
   * @throws org.acai.api.error.ConflictException while the project has jobs that have not ended
   */
  public Removal deleteProject(String projectId) {
    return transport.post(
        "/credential/delete_project", Map.of("project_id", projectId), Removal.class);
  }
}
