-- When a scheduler handed the job to its executor. A job launched on a cluster can be QUEUEING
-- again (its pod waits for a node): it must not be claimed a second time, and killing it must go
-- through the executor.
ALTER TABLE jobs ADD COLUMN launched_at timestamptz;
