-- Identity: the server's own secrets, projects, users and their tokens (stored as SHA-256 only).
CREATE TABLE server_settings (
  name  text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE projects (
  id         bigserial PRIMARY KEY,
  name       text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id         bigserial PRIMARY KEY,
  project_id bigint NOT NULL REFERENCES projects (id),
  name       text NOT NULL,
  role       text NOT NULL CHECK (role IN ('project_admin', 'user')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (project_id, name)
);

CREATE TABLE tokens (
  id         bigserial PRIMARY KEY,
  token_hash bytea NOT NULL UNIQUE,
  user_id    bigint NOT NULL REFERENCES users (id),
  kind       text NOT NULL CHECK (kind IN ('user', 'job')),
  job_id     bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX tokens_user ON tokens (user_id) WHERE revoked_at IS NULL;
