-- The dashboard pages through a directory by name: (project, parent, path) serves both the
-- children of a directory and "after this name" in index order, so a page of a directory with
-- 100k entries reads one page of rows, not the whole directory.
CREATE INDEX file_heads_parent_path ON file_heads (project_id, parent, path);
DROP INDEX file_heads_parent;
CREATE INDEX directories_parent_path ON directories (project_id, parent, path);
DROP INDEX directories_parent;
