-- packed_blobs -> blob_segments is checked once per statement instead of once per row. The foreign
-- key ran an index probe and took a KEY SHARE lock on the segment's row for every packed blob: a
-- batch upload's 10,000 new blobs all name the one segment their batch wrote, and the checks were
-- about a third of that insert's time (on 10,000 rows: 128-138 ms with the key, 81 ms without).
--
-- The guarantee stays: a row of packed_blobs never names a segment that does not exist. Inserts
-- and updates of packed_blobs check the distinct segments they name; a deletion of segments checks
-- that no row names them. The row locks of the key are not needed: every insert names the segment
-- its own transaction inserted (SegmentIndex.record), the compactor repoints rows only to the
-- segment its transaction inserted, and deletes a segment only after that, under the exclusive
-- blob guard lock that every commit reusing a packed blob takes in shared mode.
ALTER TABLE packed_blobs DROP CONSTRAINT IF EXISTS packed_blobs_segment_id_fkey;

CREATE FUNCTION packed_blobs_segments_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  missing bigint;
BEGIN
  SELECT a.segment_id INTO missing
    FROM (SELECT DISTINCT segment_id FROM named) a
   WHERE NOT EXISTS (SELECT 1 FROM blob_segments s WHERE s.id = a.segment_id)
   LIMIT 1;
  IF FOUND THEN
    RAISE foreign_key_violation USING
      MESSAGE = format('packed_blobs names segment %s, which does not exist', missing);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER packed_blobs_segments_on_insert AFTER INSERT ON packed_blobs
  REFERENCING NEW TABLE AS named FOR EACH STATEMENT EXECUTE FUNCTION packed_blobs_segments_exist();
CREATE TRIGGER packed_blobs_segments_on_update AFTER UPDATE ON packed_blobs
  REFERENCING NEW TABLE AS named FOR EACH STATEMENT EXECUTE FUNCTION packed_blobs_segments_exist();

CREATE FUNCTION blob_segments_unreferenced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kept bigint;
BEGIN
  SELECT g.id INTO kept
    FROM gone g
   WHERE EXISTS (SELECT 1 FROM packed_blobs p WHERE p.segment_id = g.id)
   LIMIT 1;
  IF FOUND THEN
    RAISE foreign_key_violation USING
      MESSAGE = format('segment %s still holds packed blobs', kept);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER blob_segments_deleted AFTER DELETE ON blob_segments
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION blob_segments_unreferenced();
