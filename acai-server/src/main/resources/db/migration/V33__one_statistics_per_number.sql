-- The planner needs each system number's own distribution (V27), which a statistics object on a
-- single expression gives. One object over all four also built their combined distinct counts,
-- dependencies and most-common-value lists, which no query uses: it made every ANALYZE of
-- file_versions (autovacuum's, after each tenth of the table changed) cost 660-720 ms instead of
-- 270-360 ms at a million versions, a spike of CPU beside the uploads that caused it. The estimate
-- for "__version__ = 1" over a million matching versions stays the same (1,090,000 rows).
DROP STATISTICS file_versions_doc_numbers;
CREATE STATISTICS file_versions_size_number ON (size::numeric) FROM file_versions;
CREATE STATISTICS file_versions_version_number ON (version::numeric) FROM file_versions;
CREATE STATISTICS file_versions_creator_number ON (creator_id::numeric) FROM file_versions;
CREATE STATISTICS file_versions_created_number
  ON (floor(extract(epoch FROM created_at) * 1000)) FROM file_versions;
