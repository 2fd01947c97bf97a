-- One B-tree serves both a version's lookup by path and a prefix's (everything below a directory,
-- LIKE 'dir/%'): the unique (project_id, path, version) index is rebuilt with text_pattern_ops,
-- whose equality is the same, and file_versions_prefix, which repeated its leading columns, goes.
-- Inserting 10,000 versions into a copy of the table took 152 ms against 185 ms with both
-- (medians of 5, alternated). No query orders file_versions by path: listings order file_heads and
-- directories, and a path's versions are ordered by version under an equal path.
CREATE UNIQUE INDEX file_versions_path_version ON file_versions (project_id, path text_pattern_ops, version);
ALTER TABLE file_versions DROP CONSTRAINT file_versions_project_id_path_version_key;
DROP INDEX file_versions_prefix;
