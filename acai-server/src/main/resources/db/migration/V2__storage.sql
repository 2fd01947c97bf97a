-- Versioned file store and file sets. Versions are dense per path: file_heads.latest is bumped
-- under its row lock in the committing transaction, so concurrent commits serialize per path.
CREATE TABLE file_heads (
  project_id bigint NOT NULL REFERENCES projects (id),
  path       text   NOT NULL,
  parent     text   NOT NULL,
  latest     int    NOT NULL,
  PRIMARY KEY (project_id, path)
);
CREATE INDEX file_heads_parent ON file_heads (project_id, parent);

CREATE TABLE directories (
  project_id bigint NOT NULL REFERENCES projects (id),
  path       text   NOT NULL,
  parent     text   NOT NULL,
  PRIMARY KEY (project_id, path)
);
CREATE INDEX directories_parent ON directories (project_id, parent);

CREATE TABLE file_versions (
  id         bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id),
  path       text   NOT NULL,
  version    int    NOT NULL,
  sha256     text   NOT NULL,
  size       bigint NOT NULL,
  creator_id bigint NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, path, version)
);

CREATE TABLE upload_sessions (
  id           uuid PRIMARY KEY,
  project_id   bigint NOT NULL REFERENCES projects (id),
  creator_id   bigint NOT NULL REFERENCES users (id),
  state        text   NOT NULL CHECK (state IN ('open', 'committed', 'aborted', 'expired')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  committed_at timestamptz
);
CREATE INDEX upload_sessions_open ON upload_sessions (expires_at) WHERE state = 'open';

CREATE TABLE upload_files (
  session_id      uuid   NOT NULL REFERENCES upload_sessions (id),
  idx             int    NOT NULL,
  path            text   NOT NULL,
  expected_size   bigint,
  expected_sha256 text,
  landed_size     bigint,
  landed_sha256   text,
  version         int,
  PRIMARY KEY (session_id, idx)
);

CREATE TABLE file_set_heads (
  project_id bigint NOT NULL REFERENCES projects (id),
  name       text   NOT NULL,
  latest     int    NOT NULL,
  PRIMARY KEY (project_id, name)
);

CREATE TABLE file_sets (
  id         bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id),
  name       text   NOT NULL,
  version    int    NOT NULL,
  creator_id bigint NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, name, version)
);

CREATE TABLE file_set_members (
  file_set_id     bigint NOT NULL REFERENCES file_sets (id),
  file_version_id bigint NOT NULL REFERENCES file_versions (id),
  path            text   NOT NULL,
  PRIMARY KEY (file_set_id, path)
);

CREATE TABLE file_set_sources (
  file_set_id        bigint NOT NULL REFERENCES file_sets (id),
  source_file_set_id bigint NOT NULL REFERENCES file_sets (id),
  PRIMARY KEY (file_set_id, source_file_set_id)
);
