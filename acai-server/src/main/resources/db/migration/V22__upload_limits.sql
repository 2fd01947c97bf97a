-- An upload session refused because a file passed the server's largest file
-- (ACAI_MAX_FILE_SIZE); polling it says so.
ALTER TABLE upload_sessions DROP CONSTRAINT upload_sessions_state_check;
ALTER TABLE upload_sessions ADD CONSTRAINT upload_sessions_state_check
  CHECK (state IN ('open', 'committed', 'aborted', 'expired', 'over_quota', 'too_large'));

-- Counting a user's open sessions (ACAI_MAX_OPEN_SESSIONS) at each start.
CREATE INDEX upload_sessions_open_by_creator ON upload_sessions (creator_id) WHERE state = 'open';
