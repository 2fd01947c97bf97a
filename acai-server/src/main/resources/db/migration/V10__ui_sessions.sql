-- Web dashboard sessions and one-time login codes. Only SHA-256 hashes of the random session ids
-- and codes are stored; a session refers to the user token it was opened with by that token's
-- hash, so rotating or revoking the token ends the session too.
CREATE TABLE ui_sessions (
  id_hash    bytea PRIMARY KEY,
  token_hash bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX ui_sessions_expiry ON ui_sessions (expires_at);

CREATE TABLE ui_login_codes (
  code_hash  bytea PRIMARY KEY,
  token_hash bytea NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);
