-- Jobs, their state transitions, logs and provenance edges.
CREATE TABLE jobs (
  id               bigserial PRIMARY KEY,
  project_id       bigint NOT NULL REFERENCES projects (id),
  creator_id       bigint NOT NULL REFERENCES users (id),
  name             text   NOT NULL,
  description      text,
  input_file_set   text,
  code             text,
  command          text   NOT NULL,
  container_image  text,
  output_path      text   NOT NULL,
  output_set_name  text   NOT NULL,
  output_file_set  text,
  v_cpu            text,
  memory           text,
  gpu              text,
  cpu_millis       bigint NOT NULL,
  memory_bytes     bigint NOT NULL,
  gpus             int    NOT NULL,
  timeout_seconds  int,
  status           text   NOT NULL,
  reason           text,
  exit_code        int,
  kill_requested   boolean NOT NULL DEFAULT false,
  submitted_at     timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_queue ON jobs (id) WHERE status = 'QUEUEING';
CREATE INDEX jobs_project ON jobs (project_id, id);

CREATE TABLE job_events (
  job_id bigint NOT NULL REFERENCES jobs (id),
  at     timestamptz NOT NULL DEFAULT clock_timestamp(),
  status text NOT NULL,
  reason text
);
CREATE INDEX job_events_job ON job_events (job_id, at);

CREATE TABLE job_logs (
  job_id bigint NOT NULL REFERENCES jobs (id),
  line_no bigint NOT NULL,
  line   text   NOT NULL,
  PRIMARY KEY (job_id, line_no)
);

CREATE TABLE provenance_edges (
  project_id bigint NOT NULL REFERENCES projects (id),
  job_id     bigint NOT NULL REFERENCES jobs (id),
  kind       text   NOT NULL CHECK (kind IN ('input', 'code', 'output')),
  entity     text   NOT NULL,
  PRIMARY KEY (job_id, kind, entity)
);
CREATE INDEX provenance_entity ON provenance_edges (project_id, entity);
