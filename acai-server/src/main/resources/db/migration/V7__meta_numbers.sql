-- Metadata indexes beyond equality. seq orders documents by creation (default order of queries,
-- keyset pagination) and ties meta_numbers rows to their document.
ALTER TABLE meta_docs ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE meta_docs ADD CONSTRAINT meta_docs_object CHECK (jsonb_typeof(doc) = 'object');
CREATE UNIQUE INDEX meta_docs_order ON meta_docs (project_id, entity_type, seq);
-- Left-anchored regular expressions on paths ('^/data/run-1/') become index range scans.
CREATE INDEX meta_docs_path
  ON meta_docs (project_id, entity_type, (doc ->> '__full_path__') text_pattern_ops);

-- Every top-level number of every document, so that range, max and min on any key are index
-- scans (a JSONB GIN index answers containment only). Kept by the statement triggers below.
CREATE TABLE meta_numbers (
  project_id  bigint  NOT NULL,
  entity_type text    NOT NULL,
  key         text    NOT NULL,
  num         numeric NOT NULL,
  seq         bigint  NOT NULL,
  PRIMARY KEY (project_id, entity_type, key, num, seq)
);
CREATE INDEX meta_numbers_seq ON meta_numbers (seq);

INSERT INTO meta_numbers (project_id, entity_type, key, num, seq)
SELECT d.project_id, d.entity_type, e.key, (e.value #>> '{}')::numeric, d.seq
FROM meta_docs d CROSS JOIN LATERAL jsonb_each(d.doc) e
WHERE jsonb_typeof(e.value) = 'number';

CREATE FUNCTION meta_numbers_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO meta_numbers (project_id, entity_type, key, num, seq)
  SELECT n.project_id, n.entity_type, e.key, (e.value #>> '{}')::numeric, n.seq
  FROM new_docs n CROSS JOIN LATERAL jsonb_each(n.doc) e
  WHERE jsonb_typeof(e.value) = 'number';
  RETURN NULL;
END $$;

CREATE FUNCTION meta_numbers_drop() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM meta_numbers m USING old_docs o WHERE m.seq = o.seq;
  RETURN NULL;
END $$;

CREATE FUNCTION meta_numbers_replace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM meta_numbers m USING old_docs o WHERE m.seq = o.seq;
  INSERT INTO meta_numbers (project_id, entity_type, key, num, seq)
  SELECT n.project_id, n.entity_type, e.key, (e.value #>> '{}')::numeric, n.seq
  FROM new_docs n CROSS JOIN LATERAL jsonb_each(n.doc) e
  WHERE jsonb_typeof(e.value) = 'number';
  RETURN NULL;
END $$;

-- Statement-level with transition tables: a batch insert pays once per statement, not per row.
CREATE TRIGGER meta_docs_numbers_insert AFTER INSERT ON meta_docs
  REFERENCING NEW TABLE AS new_docs
  FOR EACH STATEMENT EXECUTE FUNCTION meta_numbers_add();
CREATE TRIGGER meta_docs_numbers_update AFTER UPDATE ON meta_docs
  REFERENCING OLD TABLE AS old_docs NEW TABLE AS new_docs
  FOR EACH STATEMENT EXECUTE FUNCTION meta_numbers_replace();
CREATE TRIGGER meta_docs_numbers_delete AFTER DELETE ON meta_docs
  REFERENCING OLD TABLE AS old_docs
  FOR EACH STATEMENT EXECUTE FUNCTION meta_numbers_drop();
