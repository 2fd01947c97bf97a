-- Digests are random, so every new key lands on a random page of its index, and both indexes keyed
-- by the 64-character digest text were as large as their tables' heaps (119 MB each at a million
-- rows): past shared_buffers, most of a batch's insert time went to reading and writing their
-- pages. Inserting 2,500 new keys into a million-row copy of packed_blobs took 107-162 ms with the
-- text primary key and 43-78 ms with the hash exclusion below (psql, alternated).
--
-- file_versions is looked up by digest only for equality (GC, fsck, the orphan scan, a metadata
-- query on __sha256__). Its index now holds 64 bits of the digest's hash (hashtextextended, an
-- immutable built-in), a quarter of the size; a lookup compares that key and then the digest
-- itself, as DigestKeys spells it. Equal digests share one key, which B-tree deduplication stores
-- once. (Not a hash index: one bucket holding many versions of the same content is a chain of
-- overflow pages that every insert walks.)
CREATE INDEX file_versions_digest ON file_versions (hashtextextended(sha256, 0));
DROP INDEX file_versions_sha256;

-- packed_blobs holds each digest once, so a hash index can keep it unique, through an exclusion
-- constraint (a hash index cannot back a primary key). Its entries are the 32-bit hash and the
-- row's address. Nothing orders packed blobs by digest any more: the orphan scan walks them by
-- segment and offset, which the segment index now holds.
ALTER TABLE packed_blobs DROP CONSTRAINT packed_blobs_pkey;
ALTER TABLE packed_blobs ADD CONSTRAINT packed_blobs_one_per_digest EXCLUDE USING hash (sha256 WITH =);
DROP INDEX packed_blobs_segment;
CREATE INDEX packed_blobs_segment ON packed_blobs (segment_id, "offset");
