package org.acai.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Map;
import org.acai.api.lifecycle.DeleteFileRequest;
import org.acai.api.lifecycle.DeleteFileSetRequest;
import org.acai.api.lifecycle.DeleteJobRequest;
import org.acai.api.lifecycle.DeleteResult;
import org.acai.api.lifecycle.RestoreRequest;
import org.acai.api.lifecycle.RestoreResult;
import org.acai.api.lifecycle.TrashEntry;
import org.acai.sdk.internal.Transport;

/**
 * Deletes and the trash. A delete hides what it names from listings, "latest" and queries for the
 * server's retention period, during which {@link #restore} brings it back exactly (same ids, same
 * metadata); version numbers are never reused. File versions that a file set or a job references
 * stay readable through them. Users delete what they uploaded, project admins anything in their
 * project. Thread-safe.
 */
public final class TrashClient {
  private static final TypeReference<List<TrashEntry>> ENTRIES = new TypeReference<>() {};

  private final Transport transport;

  TrashClient(Transport transport) {
    this.transport = transport;
  }

  /**
   * Deletes one file version ({@code /a.txt:3}) or every version of a path ({@code /a.txt}).
   *
   * @return the trash entry, how many versions went, and which of them sets or jobs still pin
   * @throws org.acai.api.error.NoSuchFileException if nothing visible matches
   * @throws org.acai.api.error.ForbiddenException if a plain user names others' uploads
   * @throws org.acai.api.error.InvalidRequestException if the path is a directory
   */
  public DeleteResult deleteFile(String path) {
    return deleteFile(new DeleteFileRequest(path, false, false));
  }

  /**
   * Deletes a directory and everything below it.
   *
   * @throws org.acai.api.error.NoSuchFileException if nothing visible is below it
   * @throws org.acai.api.error.ForbiddenException if a plain user names others' uploads
   */
  public DeleteResult deleteDirectory(String directory) {
    return deleteFile(new DeleteFileRequest(directory, true, false));
  }

  /**
   * Deletes as {@code request} says; with {@code dryRun} only counts (the CLI shows that count
   * before it asks).
   *
   * @throws org.acai.api.error.NoSuchFileException if nothing visible matches
   * @throws org.acai.api.error.ForbiddenException if a plain user names others' uploads
   * @throws org.acai.api.error.InvalidRequestException for a directory without {@code recursive}
   */
  public DeleteResult deleteFile(DeleteFileRequest request) {
    return transport.post("/storage/delete_file", request, DeleteResult.class);
  }

  /**
   * Deletes a file-set version ({@code name:N}) or every version of a set ({@code name}); the
   * member files stay. The answer names jobs and sets that still use it.
   *
   * @throws org.acai.api.error.NoSuchFileSetException if nothing visible matches
   * @throws org.acai.api.error.ForbiddenException if a plain user names others' sets
   */
  public DeleteResult deleteFileSet(String name) {
    return deleteFileSet(new DeleteFileSetRequest(name, false));
  }

  /**
   * Deletes file-set versions as {@code request} says; with {@code dryRun} only counts.
   *
   * @throws org.acai.api.error.NoSuchFileSetException if nothing visible matches
   * @throws org.acai.api.error.ForbiddenException if a plain user names others' sets
   */
  public DeleteResult deleteFileSet(DeleteFileSetRequest request) {
    return transport.post("/storage/delete_file_set", request, DeleteResult.class);
  }

  /**
   * Deletes a job that has ended: its record, log and events (its output set stays).
   *
   * @throws org.acai.api.error.NoSuchJobException if the project has no such job
   * @throws org.acai.api.error.ForbiddenException if a plain user deletes another user's job
   * @throws org.acai.api.error.ConflictException if the job has not ended
   */
  public DeleteResult deleteJob(long jobId) {
    return deleteJob(new DeleteJobRequest(jobId, false, false));
  }

  /**
   * Deletes a job as {@code request} says: with its output set, or only checking ({@code dryRun}).
   *
   * @throws org.acai.api.error.NoSuchJobException if the project has no such job
   * @throws org.acai.api.error.ForbiddenException if a plain user deletes another user's job
   * @throws org.acai.api.error.ConflictException if the job has not ended
   */
  public DeleteResult deleteJob(DeleteJobRequest request) {
    return transport.post("/job_registry/delete_job", request, DeleteResult.class);
  }

  /** The trash: the caller's own deletes, or every delete in the project for a project admin. */
  public List<TrashEntry> list() {
    return transport.get("/storage/list_trash", Map.of(), ENTRIES);
  }

  /**
   * Restores a trash entry.
   *
   * @throws org.acai.api.error.NotFoundException if there is no such entry (purged, restored, or
   *     another project's)
   * @throws org.acai.api.error.ForbiddenException if a plain user restores another user's delete
   * @throws org.acai.api.error.ConflictException if a restored path clashes with one made since
   */
  public RestoreResult restore(long trashId) {
    return transport.post("/storage/restore", new RestoreRequest(trashId), RestoreResult.class);
  }
}
