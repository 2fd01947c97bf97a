-- A file version's document is derived from its file_versions row until the first user tag or
-- key/value lands on it; only then does it get a meta_docs row. Inserting that row, with its eight
-- index entries, was about a quarter of the work of committing a batch of small files, for
-- documents that held nothing the file_versions row did not.
--
-- doc_seq is the version's place in the documents' order, drawn from meta_docs' own sequence at
-- insert, while its document is derived; the server sets it to NULL in the transaction that
-- inserts the version's meta_docs row (with seq = doc_seq, so that the order does not change).
-- Versions from before this migration keep their meta_docs rows and a NULL doc_seq.
ALTER TABLE file_versions ADD COLUMN doc_seq bigint;
DO $$
BEGIN
  EXECUTE format('ALTER TABLE file_versions ALTER COLUMN doc_seq SET DEFAULT nextval(%L::regclass)',
                 pg_get_serial_sequence('meta_docs', 'seq'));
END $$;
CREATE INDEX file_versions_doc_order ON file_versions (project_id, doc_seq)
  WHERE doc_seq IS NOT NULL;

-- Every document, stored or derived: what metadata queries and reads select from. A derived row
-- has virtual = true; a file version whose document is stored appears here with a NULL seq, so
-- callers filter on seq IS NOT NULL. (The branches carry no WHERE of their own: PostgreSQL pulls
-- up only such UNION ALL members into the outer query, which is what lets the outer ORDER BY
-- seq LIMIT n merge two index scans, and the outer conditions reach each table's indexes.)
-- The columns after virtual are the keys other indexes serve, spelled for each branch as its
-- indexes are: the path, the digest, the four system numbers (each with whether it is one), and a
-- derived document's commit time (NULL for a stored one).
CREATE VIEW entity_docs AS
SELECT d.project_id, d.entity_type, d.entity_id, d.seq, d.doc, d.searchable, d.deletion_id,
       false AS virtual,
       d.doc ->> '__full_path__' AS full_path,
       d.doc ->> '__sha256__' AS sha256,
       jsonb_typeof(d.doc -> '__size__') = 'number' AS size_is_number,
       (d.doc ->> '__size__')::numeric AS size_number,
       jsonb_typeof(d.doc -> '__version__') = 'number' AS version_is_number,
       (d.doc ->> '__version__')::numeric AS version_number,
       jsonb_typeof(d.doc -> '__creator_id__') = 'number' AS creator_id_is_number,
       (d.doc ->> '__creator_id__')::numeric AS creator_id_number,
       jsonb_typeof(d.doc -> '__create_time__') = 'number' AS create_time_is_number,
       (d.doc ->> '__create_time__')::numeric AS create_time_number,
       NULL::timestamptz AS created_at
FROM meta_docs d
UNION ALL
SELECT f.project_id, 'file'::text, f.path || ':' || f.version, f.doc_seq,
       jsonb_build_object('_id', f.path || ':' || f.version, '__type__', 'file',
         '__full_path__', f.path, '__version__', f.version, '__size__', f.size,
         '__sha256__', f.sha256, '__creator_id__', f.creator_id,
         '__create_time__', floor(extract(epoch FROM f.created_at) * 1000)::bigint),
       jsonb_build_object('__sha256__', f.sha256), f.deletion_id,
       true, f.path, f.sha256,
       true, f.size::numeric, true, f.version::numeric, true, f.creator_id::numeric,
       true, floor(extract(epoch FROM f.created_at) * 1000), f.created_at
FROM file_versions f;

-- Statistics on the expressions the view gives derived documents' system numbers, spelled exactly
-- as it spells them. Without them the planner guessed that a condition such as "__version__ = 1"
-- keeps half a percent of a project's files: for 130k files that all matched, it sorted every one
-- of them (0.96 s) instead of walking both branches in creation order to the page's end (7 ms).
CREATE STATISTICS file_versions_doc_numbers
  ON (size::numeric), (version::numeric), (creator_id::numeric),
     (floor(extract(epoch FROM created_at) * 1000))
  FROM file_versions;

-- Versions are appended in time order, so a block range index on the commit time is small and all
-- but free to keep up, and it narrows a range of __create_time__ over derived documents to a few
-- blocks (the view's created_at, which queries bound around the exact condition).
CREATE INDEX file_versions_created ON file_versions USING brin (created_at)
  WITH (autosummarize = on);
