-- Metadata documents of file versions, file-set versions and jobs: system fields (keys starting
-- with __) kept by the server, user tags and key/values merged in. Queries run in SQL over JSONB.
CREATE TABLE meta_docs (
  project_id  bigint NOT NULL REFERENCES projects (id),
  entity_type text   NOT NULL CHECK (entity_type IN ('file', 'fileset', 'job')),
  entity_id   text   NOT NULL,
  doc         jsonb  NOT NULL,
  PRIMARY KEY (project_id, entity_type, entity_id)
);
-- Equality and tag conditions (doc @> {...}) use the GIN index.
CREATE INDEX meta_docs_containment ON meta_docs USING gin (doc jsonb_path_ops);
