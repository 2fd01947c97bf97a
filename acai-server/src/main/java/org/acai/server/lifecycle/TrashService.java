package org.acai.server.lifecycle;

import java.util.List;
import org.acai.api.error.ConflictException;
import org.acai.api.error.ForbiddenException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.NoSuchFileSetException;
import org.acai.api.error.NoSuchJobException;
import org.acai.api.error.NotFoundException;
import org.acai.api.job.JobStatus;
import org.acai.api.lifecycle.DeleteJobRequest;
import org.acai.api.lifecycle.DeleteResult;
import org.acai.api.lifecycle.Pin;
import org.acai.api.lifecycle.RestoreResult;
import org.acai.api.lifecycle.TrashEntry;
import org.acai.server.auth.Principal;
import org.acai.server.fileset.FileSetRef;
import org.acai.server.storage.FileRef;
import org.acai.server.storage.StoragePath;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Soft deletes of files, the trash and restores. Every call is scoped to the caller's project:
 * users delete and restore what they made, project admins anything in the project. Thread-safe.
 */
public final class TrashService {
  static final String FILE = "file";
  static final String FILESET = "fileset";
  static final String JOB = "job";

  private final Jdbi jdbi;
  private final LifecycleConfig config;

  TrashService(Jdbi jdbi, LifecycleConfig config) {
    this.jdbi = jdbi;
    this.config = config;
  }

  /**
   * Moves file versions to the trash: {@code path:N}, every version of {@code path}, or with {@code
   * recursive} everything below a directory. Pinned versions stay readable through the sets and
   * jobs that reference them, which the answer names.
   *
   * @throws NoSuchFileException if the target names no visible version
   * @throws ForbiddenException if a plain user names versions others uploaded
   * @throws org.acai.api.error.InvalidRequestException for a directory without {@code recursive}
   */
  public DeleteResult deleteFile(Principal caller, String raw, boolean recursive, boolean dryRun) {
    long project = caller.projectKey();
    return jdbi.inTransaction(
        handle -> {
          FileTarget target = target(handle, project, raw, recursive);
          FileDeletes deletes = new FileDeletes(handle);
          FileDeletes.Count count = deletes.count(project, target, caller.userId());
          if (count.versions() == 0) {
            throw new NoSuchFileException("No such file: %s", target.label());
          }
          if (count.byOthers() > 0 && !caller.administers(project)) {
            throw new ForbiddenException(
                "Cannot delete %s: %d file version(s) were uploaded by other users",
                target.label(), count.byOthers());
          }
          if (dryRun) {
            List<Pin> pins = deletes.pins(project, target, null);
            return new DeleteResult(
                null, target.label(), count.versions(), count.paths(), pins, null);
          }
          long id =
              new Trash(handle)
                  .insert(project, FILE, target.label(), caller.userId(), count.versions());
          deletes.hide(project, target, id);
          if (target.tree() != null) {
            deletes.dropEmptyDirectories(project, target.tree());
          }
          return new DeleteResult(
              id,
              target.label(),
              count.versions(),
              count.paths(),
              deletes.pins(project, target, id),
              System.currentTimeMillis() + config.retention().toMillis());
        });
  }

  /**
   * Moves a file-set version ({@code name:N}) or every version of a set to the trash. Its member
   * file versions are untouched.
   *
   * @throws NoSuchFileSetException if no visible version matches
   * @throws ForbiddenException if a plain user names versions others created
   */
  public DeleteResult deleteFileSet(Principal caller, String raw, boolean dryRun) {
    long project = caller.projectKey();
    FileSetRef ref = FileSetRef.parse(raw);
    return jdbi.inTransaction(
        handle -> {
          SetDeletes deletes = new SetDeletes(handle);
          FileDeletes.Count count = deletes.count(project, ref, caller.userId());
          if (count.versions() == 0) {
            throw new NoSuchFileSetException("No such file set: %s", ref);
          }
          if (count.byOthers() > 0 && !caller.administers(project)) {
            throw new ForbiddenException(
                "Cannot delete %s: %d file set version(s) were created by other users",
                ref, count.byOthers());
          }
          if (dryRun) {
            return new DeleteResult(
                null, ref.toString(), count.versions(), 1, deletes.pins(project, ref, null), null);
          }
          long id =
              new Trash(handle)
                  .insert(project, FILESET, ref.toString(), caller.userId(), count.versions());
          deletes.hide(project, ref, id);
          return new DeleteResult(
              id,
              ref.toString(),
              count.versions(),
              1,
              deletes.pins(project, ref, id),
              System.currentTimeMillis() + config.retention().toMillis());
        });
  }

  /**
   * Moves a job that has ended to the trash: its record, log and events; its output file set only
   * with {@code withOutput}.
   *
   * @throws NoSuchJobException if the project has no such (visible) job
   * @throws ForbiddenException if a plain user deletes another user's job
   * @throws ConflictException if the job has not ended (kill it first)
   */
  public DeleteResult deleteJob(Principal caller, DeleteJobRequest request) {
    long project = caller.projectKey();
    long jobId = request.jobId();
    return jdbi.inTransaction(
        handle -> {
          JobDeletes jobs = new JobDeletes(handle);
          JobDeletes.JobRow job =
              jobs.lock(project, jobId)
                  .orElseThrow(() -> new NoSuchJobException("No such job: %d", jobId));
          if (job.creatorId() != caller.userId() && !caller.administers(project)) {
            throw new ForbiddenException("Cannot delete job %d: another user submitted it", jobId);
          }
          if (!JobStatus.valueOf(job.status()).isTerminal()) {
            throw new ConflictException(
                "Cannot delete job %d: it is %s (kill it first)", jobId, job.status());
          }
          FileSetRef output =
              request.withOutput() && job.outputFileSet() != null
                  ? FileSetRef.parse(job.outputFileSet())
                  : null;
          int items = 1 + (output == null ? 0 : 1);
          String target = "job " + jobId + (output == null ? "" : " and " + output);
          if (request.dryRun()) {
            return new DeleteResult(null, target, items, 1, List.of(), null);
          }
          long id = new Trash(handle).insert(project, JOB, target, caller.userId(), items);
          jobs.hide(project, jobId, id);
          if (output != null) {
            new SetDeletes(handle).hide(project, output, id);
          }
          return new DeleteResult(
              id,
              target,
              items,
              1,
              List.of(),
              System.currentTimeMillis() + config.retention().toMillis());
        });
  }

  private static FileTarget target(Handle handle, long project, String raw, boolean recursive) {
    if (raw != null && raw.indexOf(':') >= 0) {
      return FileTarget.version(FileRef.parse(raw));
    }
    StoragePath dir = StoragePath.directory(raw);
    boolean isDirectory =
        dir.isRoot()
            || handle
                .createQuery(
                    "SELECT 1 FROM directories WHERE project_id = :project AND path = :path")
                .bind("project", project)
                .bind("path", dir.value())
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    if (!isDirectory) {
      return FileTarget.path(FileRef.parse(raw).path());
    }
    if (!recursive) {
      throw new InvalidRequestException(
          "Cannot delete %s: it is a directory (delete it recursively)", raw);
    }
    return FileTarget.tree(dir);
  }

  /** The trash of the caller's project: the caller's own deletes, or all for a project admin. */
  public List<TrashEntry> list(Principal caller) {
    long project = caller.projectKey();
    return jdbi.withHandle(
        handle ->
            new Trash(handle)
                .list(project, caller.userId(), caller.administers(project), config.retention()));
  }

  /**
   * Brings a trash entry back exactly: the same rows, ids and metadata.
   *
   * @throws NotFoundException if the project has no such entry (purged, restored, or another
   *     project's)
   * @throws ForbiddenException if a plain user restores another user's delete
   * @throws ConflictException if a path it restores is now a directory, or one of its directories
   *     is now a file
   */
  public RestoreResult restore(Principal caller, long trashId) {
    long project = caller.projectKey();
    return jdbi.inTransaction(
        handle -> {
          Trash trash = new Trash(handle);
          Trash.Entry entry =
              trash
                  .lock(project, trashId)
                  .orElseThrow(() -> new NotFoundException("No such trash entry: %d", trashId));
          if (entry.deletedBy() != caller.userId() && !caller.administers(project)) {
            throw new ForbiddenException(
                "Cannot restore trash entry %d: another user deleted it", trashId);
          }
          List<StoragePath> dirs = List.of();
          if (FILE.equals(entry.kind())) {
            FileDeletes files = new FileDeletes(handle);
            dirs = files.parents(trashId);
            files
                .restoreClash(project, trashId, dirs)
                .ifPresent(
                    path -> {
                      throw new ConflictException(
                          "Cannot restore %s: %s exists now", entry.target(), path);
                    });
          }
          int items = trash.restore(trashId);
          if (!dirs.isEmpty()) {
            new FileDeletes(handle).ensureDirectories(project, dirs);
          }
          return new RestoreResult(trashId, entry.kind(), entry.target(), items);
        });
  }
}
