package org.acai.server.auth;

import org.acai.server.fileset.FileSetDrafts;
import org.acai.server.fileset.MemberGuard;
import org.jdbi.v3.core.Handle;

/**
 * Forgets the file data of a removed project inside the caller's transaction: its file sets, file
 * versions, paths and metadata go, and the blobs they named become GC candidates (a blob another
 * project shares stays: GC checks every project's versions before deleting bytes). Its jobs, their
 * logs and its trash entries stay behind the revoked tokens.
 */
final class ProjectData {
  private ProjectData() {}

  /** Returns how many file versions went. */
  static long forget(Handle handle, long project) {
    MemberGuard.lockForRemoval(handle, project);
    FileSetDrafts.forgetProject(handle, project);
    String[] before = {
      "DELETE FROM file_set_members m USING file_sets s"
          + " WHERE s.id = m.file_set_id AND s.project_id = :p",
      "DELETE FROM file_set_sources x USING file_sets s"
          + " WHERE s.id = x.file_set_id AND s.project_id = :p",
      "DELETE FROM meta_docs WHERE project_id = :p",
      "DELETE FROM file_sets WHERE project_id = :p",
      "DELETE FROM file_set_heads WHERE project_id = :p",
    };
    for (String sql : before) {
      handle.createUpdate(sql).bind("p", project).execute();
    }
    long versions =
        handle
            .createQuery(
                "WITH gone AS (DELETE FROM file_versions WHERE project_id = :p"
                    + " RETURNING sha256, size),"
                    + " candidates AS (INSERT INTO blob_candidates (sha256, size)"
                    + " SELECT DISTINCT sha256, size FROM gone ON CONFLICT (sha256) DO NOTHING)"
                    + " SELECT count(*) FROM gone")
            .bind("p", project)
            .mapTo(Long.class)
            .one();
    for (String sql :
        new String[] {
          "DELETE FROM file_heads WHERE project_id = :p",
          "DELETE FROM directories WHERE project_id = :p",
          "DELETE FROM project_quotas WHERE project_id = :p"
        }) {
      handle.createUpdate(sql).bind("p", project).execute();
    }
    return versions;
  }
}
