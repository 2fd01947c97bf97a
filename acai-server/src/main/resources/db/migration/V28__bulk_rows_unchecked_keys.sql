-- Foreign keys that ran one more query per inserted row of the bulk tables (an index probe and a
-- KEY SHARE lock on the referenced row), for checks that could not fail, are dropped.
--
-- The rows a commit writes per file path (file_versions, file_heads, and directories for new
-- directories) no longer check their project and creator. Every concurrent commit session of a
-- project locked the same project and user rows for each of its rows. On fresh puts of 10,000 files
-- of 4 KiB, alternated against a server with these keys, PostgreSQL's CPU per put was 0.29-0.35 s
-- without them and 0.42-0.51 s with them. The checks could not fail: no project or user row is
-- ever deleted (removing a project keeps its row, see ProjectData), and every insert takes the
-- project and creator of the caller's token.
ALTER TABLE file_versions
  DROP CONSTRAINT IF EXISTS file_versions_project_id_fkey,
  DROP CONSTRAINT IF EXISTS file_versions_creator_id_fkey;
ALTER TABLE file_heads DROP CONSTRAINT IF EXISTS file_heads_project_id_fkey;
ALTER TABLE directories DROP CONSTRAINT IF EXISTS directories_project_id_fkey;

-- A file set's members are inserted only in the transaction that inserts the set's row, and
-- deleted before it (Purger, ProjectData). Checking each member's set took 34 ms of a 10,000-member
-- insert's 146 ms (EXPLAIN ANALYZE).
ALTER TABLE file_set_members DROP CONSTRAINT IF EXISTS file_set_members_file_set_id_fkey;

-- Keys that guard something that can go away stay: packed_blobs -> blob_segments (the segment
-- compactor deletes segments) and file_set_members -> file_versions (purging deletes versions; a
-- member's key lock is what stops a purge from deleting a version a concurrent file set takes).
