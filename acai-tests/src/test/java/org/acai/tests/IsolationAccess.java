package org.acai.tests;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who may call each served route, for the isolation matrix and the fuzz. A new route must be added
 * here, or both suites fail naming it.
 */
final class IsolationAccess {
  /**
   * Routes where naming what another project has is no error: the names create something in the
   * caller's own project, or unknown ids are left out of the answer. Their answers are still
   * checked for the other project's bytes.
   */
  static final Set<String> CREATES =
      Set.of(
          "POST /storage/start_file_upload_session",
          "POST /job_registry/new_job",
          "POST /job_monitor/job_status");

  /** Routes any member of a project may call, on their own project's things. */
  private static final Set<String> MEMBER_ROUTES =
      Set.of(
          "GET /credential/whoami",
          "POST /storage/start_file_upload_session",
          "GET /storage/poll_file_upload_session",
          "POST /storage/finish_file_upload_session",
          "POST /storage/abort_file_upload_session",
          "GET /storage/list_directory",
          "GET /storage/list_directory_page",
          "GET /storage/list_file_versions",
          "GET /storage/resolve_vague_path",
          "GET /storage/download_file",
          "POST /storage/download_files",
          "POST /storage/create_file_set",
          "POST /storage/open_file_set_draft",
          "POST /storage/create_file_set_from_draft",
          "GET /storage/resolve_file_set",
          "GET /storage/download_file_set",
          "GET /storage/list_file_set_versions",
          "GET /storage/list_file_sets",
          "POST /job_registry/new_job",
          "GET /job_registry/job",
          "GET /job_registry/jobs",
          "POST /job_registry/kill_job",
          "GET /job_registry/job_history",
          "POST /job_monitor/job_status",
          "GET /log_server/get_job_log",
          "GET /log_server/follow_job_log",
          "GET /provenance/lineage",
          "POST /meta/update_file_meta",
          "POST /meta/del_file_meta",
          "POST /meta/update_file_set_meta",
          "POST /meta/del_file_set_meta",
          "POST /meta/update_job_meta",
          "POST /meta/del_job_meta",
          "POST /meta/get_meta",
          "POST /meta/query_meta",
          "POST /credential/ui_login_link",
          "POST /storage/delete_file",
          "POST /storage/delete_file_set",
          "GET /storage/list_trash",
          "POST /storage/restore",
          "GET /storage/usage",
          "GET /storage/batch_limits",
          "POST /storage/upload_batch",
          "POST /storage/download_batch",
          "POST /job_registry/delete_job");

  private IsolationAccess() {}

  static Map<String, IsolationMatrixTest.Access> table() {
    Map<String, IsolationMatrixTest.Access> map = new LinkedHashMap<>();
    for (String route : Set.of("GET /healthz", "GET /openapi.yaml")) {
      map.put(route, IsolationMatrixTest.Access.PUBLIC);
    }
    map.put("PUT /blob/upload/{project}/{session}/{index}", IsolationMatrixTest.Access.SIGNED);
    map.put("GET /blob/download/{project}/{version}", IsolationMatrixTest.Access.SIGNED);
    for (String route :
        Set.of(
            "POST /credential/create_project",
            "POST /credential/delete_project",
            "POST /admin/gc",
            "POST /admin/fsck",
            "POST /admin/set_quota",
            "GET /admin/quota",
            "GET /metrics")) {
      map.put(route, IsolationMatrixTest.Access.GLOBAL_ADMIN);
    }
    for (String route :
        Set.of(
            "POST /credential/create_user",
            "GET /credential/list_users",
            "POST /credential/rotate_token",
            "POST /credential/revoke_token",
            "POST /credential/delete_user")) {
      map.put(route, IsolationMatrixTest.Access.PROJECT_ADMIN);
    }
    for (String route : MEMBER_ROUTES) {
      map.put(route, IsolationMatrixTest.Access.MEMBER);
    }
    return map;
  }
}
