-- Drafts of file sets. An upload that is to become a file set opens a draft; each of its batches
-- inserts the draft's members in the transaction that makes their versions, beside the other
-- batches, and the set is then made from the draft in O(1) statements. Before, the set was made
-- after the upload by one serial call that resolved every path:N again and inserted every member:
-- about 130 ms of a 10,000-file put's 830 ms, while the rest of the machine waited.
--
-- A draft's id comes from file_sets' sequence and becomes its set's id, so members are written
-- once. Until then no file_sets row names them, so nothing that reads sets sees a draft; its
-- members still pin their versions against a purge. files and bytes add up what the batches
-- brought, for the set's document. An expired draft and its members are removed by GC.
CREATE TABLE file_set_drafts (
  id         bigint PRIMARY KEY DEFAULT nextval('file_sets_id_seq'),
  project_id bigint NOT NULL REFERENCES projects (id),
  creator_id bigint NOT NULL REFERENCES users (id),
  files      bigint NOT NULL DEFAULT 0,
  bytes      bigint NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL
);

CREATE INDEX file_set_drafts_expiry ON file_set_drafts (expires_at);

-- A user may have so many open drafts (ACAI_MAX_OPEN_SESSIONS, as upload sessions): counted here.
CREATE INDEX file_set_drafts_creator ON file_set_drafts (creator_id, expires_at);
