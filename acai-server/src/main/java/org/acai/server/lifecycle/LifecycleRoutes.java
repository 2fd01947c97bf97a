package org.acai.server.lifecycle;

import io.javalin.http.Context;
import org.acai.api.error.ForbiddenException;
import org.acai.api.lifecycle.DeleteFileRequest;
import org.acai.api.lifecycle.DeleteFileSetRequest;
import org.acai.api.lifecycle.DeleteJobRequest;
import org.acai.api.lifecycle.RestoreRequest;
import org.acai.server.auth.Principal;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Caller;
import org.acai.server.http.Requests;
import org.acai.server.http.Router;

/** The lifecycle endpoints: deletes, the trash, restores (storage) and GC (global admin). */
final class LifecycleRoutes implements ApiRoutes {
  private final TrashService trash;
  private final GarbageCollector gc;
  private final Fsck fsck;
  private final UsageQuery usage;
  private final Caller caller;

  LifecycleRoutes(
      TrashService trash, GarbageCollector gc, Fsck fsck, UsageQuery usage, Caller caller) {
    this.trash = trash;
    this.gc = gc;
    this.fsck = fsck;
    this.usage = usage;
    this.caller = caller;
  }

  @Override
  public void register(Router router) {
    router
        .post("/storage/delete_file", this::deleteFile)
        .post("/storage/delete_file_set", this::deleteFileSet)
        .get("/storage/usage", ctx -> ctx.json(usage.of(caller.member(ctx).projectKey())))
        .post(
            "/job_registry/delete_job",
            ctx ->
                ctx.json(
                    trash.deleteJob(
                        caller.member(ctx), Requests.body(ctx, DeleteJobRequest.class))))
        .get("/storage/list_trash", ctx -> ctx.json(trash.list(caller.member(ctx))))
        .post("/storage/restore", this::restore)
        .post("/admin/gc", this::gc)
        .post("/admin/fsck", this::fsck);
  }

  private void deleteFile(Context ctx) {
    Principal principal = caller.member(ctx);
    DeleteFileRequest request = Requests.body(ctx, DeleteFileRequest.class);
    ctx.json(trash.deleteFile(principal, request.path(), request.recursive(), request.dryRun()));
  }

  private void deleteFileSet(Context ctx) {
    Principal principal = caller.member(ctx);
    DeleteFileSetRequest request = Requests.body(ctx, DeleteFileSetRequest.class);
    ctx.json(trash.deleteFileSet(principal, request.name(), request.dryRun()));
  }

  private void restore(Context ctx) {
    Principal principal = caller.member(ctx);
    ctx.json(trash.restore(principal, Requests.body(ctx, RestoreRequest.class).trashId()));
  }

  private void fsck(Context ctx) {
    if (!caller.principal(ctx).isAdmin()) {
      throw new ForbiddenException("Cannot run fsck: only the global admin may");
    }
    var body = Requests.body(ctx);
    ctx.json(
        fsck.check(
            body.path("verify_hashes").asBoolean(false), body.path("repair").asBoolean(false)));
  }

  private void gc(Context ctx) {
    if (!caller.principal(ctx).isAdmin()) {
      throw new ForbiddenException("Cannot run GC: only the global admin may");
    }
    boolean dryRun = Requests.body(ctx).path("dry_run").asBoolean(false);
    ctx.json(dryRun ? gc.dryRun() : gc.run());
  }
}
