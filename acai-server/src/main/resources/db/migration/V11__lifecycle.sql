-- Data lifecycle: soft deletes kept in a trash for a retention period, then purged; blobs no row
-- references any more become GC candidates.

-- One row per delete request: what a user deleted, when, and who. The rows it hid point at it,
-- so a restore brings back exactly those rows (same ids, same metadata).
CREATE TABLE deletions (
  id         bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id),
  kind       text   NOT NULL CHECK (kind IN ('file', 'fileset', 'job')),
  target     text   NOT NULL,
  deleted_by bigint NOT NULL REFERENCES users (id),
  deleted_at timestamptz NOT NULL DEFAULT now(),
  items      int    NOT NULL
);
CREATE INDEX deletions_project ON deletions (project_id, id);
CREATE INDEX deletions_age ON deletions (deleted_at);

ALTER TABLE file_versions ADD COLUMN deletion_id bigint REFERENCES deletions (id);
ALTER TABLE file_sets ADD COLUMN deletion_id bigint REFERENCES deletions (id);
ALTER TABLE jobs ADD COLUMN deletion_id bigint REFERENCES deletions (id);
ALTER TABLE meta_docs ADD COLUMN deletion_id bigint REFERENCES deletions (id);
CREATE INDEX file_versions_deletion ON file_versions (deletion_id) WHERE deletion_id IS NOT NULL;
CREATE INDEX file_sets_deletion ON file_sets (deletion_id) WHERE deletion_id IS NOT NULL;
CREATE INDEX jobs_deletion ON jobs (deletion_id) WHERE deletion_id IS NOT NULL;
CREATE INDEX meta_docs_deletion ON meta_docs (deletion_id) WHERE deletion_id IS NOT NULL;

-- Recursive deletes select a directory's files by prefix; GC asks whether any row names a blob;
-- purging asks whether a set or a job still pins a version.
CREATE INDEX file_versions_prefix ON file_versions (project_id, path text_pattern_ops);
CREATE INDEX file_versions_sha256 ON file_versions (sha256);
CREATE INDEX file_set_members_version ON file_set_members (file_version_id);
CREATE INDEX jobs_code ON jobs (project_id, code) WHERE code IS NOT NULL;

-- Blobs that lost their last referencing row, and since when. GC deletes a candidate's bytes only
-- under the exclusive GC lock, after checking again that no row references it.
CREATE TABLE blob_candidates (
  sha256 text   PRIMARY KEY,
  size   bigint NOT NULL,
  since  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX blob_candidates_since ON blob_candidates (since);
