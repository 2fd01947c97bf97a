-- Batched commits count landed files from upload_files; the per-session counter of V6 is unused.
ALTER TABLE upload_sessions DROP COLUMN remaining;
