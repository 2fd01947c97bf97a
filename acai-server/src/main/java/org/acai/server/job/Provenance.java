package org.acai.server.job;

import org.jdbi.v3.core.Handle;

/** Provenance edges: input set and code version into a job, the job into its output set. */
final class Provenance {
  private Provenance() {}

  /** Whether the job has an input set or code to record. */
  static boolean hasInputs(Job job) {
    return job.inputFileSet() != null || job.code() != null;
  }

  static void recordInputs(Handle handle, Job job) {
    if (job.inputFileSet() != null) {
      edge(handle, job, "input", "@" + job.inputFileSet());
    }
    if (job.code() != null) {
      edge(handle, job, "code", job.code());
    }
  }

  static void recordOutput(Handle handle, Job job, String explicitFileSet) {
    edge(handle, job, "output", "@" + explicitFileSet);
  }

  private static void edge(Handle handle, Job job, String kind, String entity) {
    handle
        .createUpdate(
            "INSERT INTO provenance_edges (project_id, job_id, kind, entity)"
                + " VALUES (:project, :job, :kind, :entity) ON CONFLICT DO NOTHING")
        .bind("project", job.projectId())
        .bind("job", job.id())
        .bind("kind", kind)
        .bind("entity", entity)
        .execute();
  }
}
