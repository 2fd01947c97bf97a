-- Sessions whose client hashes each file while it sends it and declares the digests when it
-- finishes: the PUT that lands their last file does not commit them, only finish does.
ALTER TABLE upload_sessions ADD COLUMN commit_on_finish boolean NOT NULL DEFAULT false;
