-- Server replicas sharing this database: each keeps its row's heartbeat fresh while it runs. A
-- replica whose heartbeat is older than its lease is gone: another takes over (or fails) its jobs.
CREATE TABLE replicas (
  id           text PRIMARY KEY,
  started_at   timestamptz NOT NULL DEFAULT now(),
  heartbeat_at timestamptz NOT NULL DEFAULT now()
);

-- The replica whose executor runs the job (set when it is claimed).
ALTER TABLE jobs ADD COLUMN owner text;
CREATE INDEX jobs_live_owner ON jobs (owner)
  WHERE status NOT IN ('FINISHED', 'FAILED', 'KILLED', 'CONTAINER_CRASHED');
