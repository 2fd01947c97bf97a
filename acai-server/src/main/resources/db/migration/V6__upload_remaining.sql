-- How many files of a session have not landed yet, so a PUT need not scan the session.
ALTER TABLE upload_sessions ADD COLUMN remaining int;
