-- Small blobs packed into append-only segment files (one per batch upload, fsynced once), so that
-- a batch of many small files costs O(1) fsyncs. A blob is either a loose file sha256/ab/cd/<hex>
-- or one row here; a row is inserted in the transaction that makes the first version referring
-- to it visible, after its segment was fsynced.
--
-- For garbage collection: a packed blob is live while some file_versions row has its sha256; a
-- segment's live bytes are the sum of its live rows' sizes. A segment file under segments/ with no
-- blob_segments row (a crash between fsync and commit) holds nothing and may be deleted once it
-- is older than any upload in flight; compaction copies live rows into a new segment, repoints
-- them in one transaction, then deletes the old file.
CREATE TABLE blob_segments (
  id         bigserial PRIMARY KEY,
  name       text        NOT NULL UNIQUE,
  size       bigint      NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE packed_blobs (
  sha256     text   PRIMARY KEY,
  size       bigint NOT NULL,
  segment_id bigint NOT NULL REFERENCES blob_segments (id),
  "offset"   bigint NOT NULL
);
CREATE INDEX packed_blobs_segment ON packed_blobs (segment_id);
