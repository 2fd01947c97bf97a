-- Segment compaction: a segment whose blobs are mostly dead has its live blobs copied into a new
-- segment and repointed in one transaction; the old segment is then retired (it holds no row any
-- more) and its file deleted by a later GC run, so a download that looked its blobs up just before
-- still finds the bytes.
ALTER TABLE blob_segments ADD COLUMN retired_at timestamptz;
CREATE INDEX blob_segments_retired ON blob_segments (retired_at) WHERE retired_at IS NOT NULL;
