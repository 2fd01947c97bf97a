-- A file set's members no longer check their versions by foreign key. The key's check ran a query
-- per member (an index probe and a KEY SHARE lock on the version's row, which writes the row and a
-- WAL record): 45 ms of a 10,000-member set's insert of about 140 ms, on the one backend that
-- creates the set while the rest of an upload has ended. Its row lock was what stopped a purge from
-- deleting a version that a concurrent set was taking; a per-project advisory lock does that now
-- (MemberGuard: shared while a set is created, exclusive while a purge or a project's removal
-- deletes versions). Members are inserted only from versions resolved under that lock.
ALTER TABLE file_set_members DROP CONSTRAINT IF EXISTS file_set_members_file_version_id_fkey;
