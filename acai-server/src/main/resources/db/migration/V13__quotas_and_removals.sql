-- Per-project quotas, set by the global admin; a NULL limit is no limit. Commits and job
-- submissions lock a project's row here, so two of them cannot both slip under a limit.
CREATE TABLE project_quotas (
  project_id       bigint PRIMARY KEY REFERENCES projects (id),
  max_bytes        bigint CHECK (max_bytes >= 0),
  max_files        bigint CHECK (max_files >= 0),
  max_running_jobs bigint CHECK (max_running_jobs >= 0)
);

-- Removed users and projects keep their rows (versions and jobs name their creators) and their
-- names, marked removed: their tokens no longer authenticate.
ALTER TABLE users ADD COLUMN removed_at timestamptz;
ALTER TABLE projects ADD COLUMN removed_at timestamptz;

-- An upload session refused because a PUT would pass the project's quota; polling it says so.
ALTER TABLE upload_sessions DROP CONSTRAINT upload_sessions_state_check;
ALTER TABLE upload_sessions ADD CONSTRAINT upload_sessions_state_check
  CHECK (state IN ('open', 'committed', 'aborted', 'expired', 'over_quota'));
