-- The containment (GIN) index covers only the part of a document that no other index serves.
-- A new file's document is all system fields; seven of its eight have another way in (the entity
-- id, the type, the path index, the four numbers' expression indexes), yet each was an entry of
-- the GIN index, whose upkeep cost a third of inserting the document. Equality on those keys now
-- uses their own indexes; every other key (user keys, tags, __sha256__, job and file-set fields)
-- stays in the GIN index.
-- Also, the numbers trigger no longer expands the keys that never feed meta_numbers (the four
-- indexed numbers and the system strings): for a batch of new files it expanded eight keys per
-- document to insert nothing, a fifth of the cost of inserting the documents.

CREATE FUNCTION meta_searchable(doc jsonb) RETURNS jsonb
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT doc - '{_id,__type__,__full_path__,__size__,__version__,__creator_id__,__create_time__}'::text[] $$;

-- Stored, not an index expression: a broad match rechecks thousands of rows, and computing the
-- part for each of them made a query matching 20% of 100k documents twice as slow.
ALTER TABLE meta_docs ADD COLUMN searchable jsonb GENERATED ALWAYS AS (meta_searchable(doc)) STORED;
CREATE INDEX meta_docs_search ON meta_docs USING gin (searchable jsonb_path_ops);
DROP INDEX meta_docs_containment;

-- The numbers of a document meta_numbers keeps: every number but the four indexed system ones.
-- Not STRICT: PostgreSQL inlines only a non-strict SQL function into the query that calls it.
CREATE FUNCTION meta_numbers_of(doc jsonb) RETURNS TABLE (key text, num numeric)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT e.key, (e.value #>> '{}')::numeric
        FROM jsonb_each(doc - '{_id,__type__,__full_path__,__sha256__,__size__,__version__,__creator_id__,__create_time__}'::text[]) e
        WHERE jsonb_typeof(e.value) = 'number' $$;

CREATE OR REPLACE FUNCTION meta_numbers_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO meta_numbers (project_id, entity_type, key, num, seq)
  SELECT n.project_id, n.entity_type, x.key, x.num, n.seq
  FROM new_docs n CROSS JOIN LATERAL meta_numbers_of(n.doc) x;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION meta_numbers_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM meta_numbers m USING old_docs o WHERE m.seq = o.seq;
  INSERT INTO meta_numbers (project_id, entity_type, key, num, seq)
  SELECT n.project_id, n.entity_type, x.key, x.num, n.seq
  FROM new_docs n CROSS JOIN LATERAL meta_numbers_of(n.doc) x;
  RETURN NULL;
END $$;
