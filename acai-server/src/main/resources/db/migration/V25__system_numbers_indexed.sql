-- The numbers every file, file set and job document carries (size, version, creator, creation
-- time) move from meta_numbers into expression indexes on meta_docs. Four rows per document in
-- meta_numbers, with their two indexes, made up more than half of the database's work of
-- committing a batch of new files; four index entries on the document cost a third of that.
-- Ranges and extremes on these keys use these indexes; every other number stays in meta_numbers.
CREATE INDEX meta_docs_num_size ON meta_docs
  (project_id, entity_type, ((doc ->> '__size__')::numeric), seq)
  WHERE jsonb_typeof(doc -> '__size__') = 'number';
CREATE INDEX meta_docs_num_version ON meta_docs
  (project_id, entity_type, ((doc ->> '__version__')::numeric), seq)
  WHERE jsonb_typeof(doc -> '__version__') = 'number';
CREATE INDEX meta_docs_num_creator_id ON meta_docs
  (project_id, entity_type, ((doc ->> '__creator_id__')::numeric), seq)
  WHERE jsonb_typeof(doc -> '__creator_id__') = 'number';
CREATE INDEX meta_docs_num_create_time ON meta_docs
  (project_id, entity_type, ((doc ->> '__create_time__')::numeric), seq)
  WHERE jsonb_typeof(doc -> '__create_time__') = 'number';

DELETE FROM meta_numbers
WHERE key IN ('__size__', '__version__', '__creator_id__', '__create_time__');

CREATE OR REPLACE FUNCTION meta_numbers_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO meta_numbers (project_id, entity_type, key, num, seq)
  SELECT n.project_id, n.entity_type, e.key, (e.value #>> '{}')::numeric, n.seq
  FROM new_docs n CROSS JOIN LATERAL jsonb_each(n.doc) e
  WHERE jsonb_typeof(e.value) = 'number'
    AND e.key NOT IN ('__size__', '__version__', '__creator_id__', '__create_time__');
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION meta_numbers_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM meta_numbers m USING old_docs o WHERE m.seq = o.seq;
  INSERT INTO meta_numbers (project_id, entity_type, key, num, seq)
  SELECT n.project_id, n.entity_type, e.key, (e.value #>> '{}')::numeric, n.seq
  FROM new_docs n CROSS JOIN LATERAL jsonb_each(n.doc) e
  WHERE jsonb_typeof(e.value) = 'number'
    AND e.key NOT IN ('__size__', '__version__', '__creator_id__', '__create_time__');
  RETURN NULL;
END $$;
