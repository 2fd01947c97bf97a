package org.acai.bench.meta;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Loads synthetic file documents in batches: each batch is one JSON array expanded by PostgreSQL in
 * a single INSERT, so the numbers-index trigger runs once per batch, as it does for a COPY.
 */
final class DocLoader {
  private static final int BATCH = 10_000;
  private static final String INSERT =
      "INSERT INTO meta_docs (project_id, entity_type, entity_id, doc)"
          + " SELECT ?, 'file', d ->> '_id', d FROM jsonb_array_elements(CAST(? AS jsonb)) AS d";

  private final DataSource dataSource;
  private final long projectId;

  DocLoader(DataSource dataSource, long projectId) {
    this.dataSource = dataSource;
    this.projectId = projectId;
  }

  /** Inserts files {@code from} (inclusive) to {@code to} (exclusive). */
  void load(long from, long to) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (long start = from; start < to; start += BATCH) {
        StringBuilder batch = new StringBuilder(BATCH * 400).append('[');
        long end = Math.min(to, start + BATCH);
        for (long i = start; i < end; i++) {
          batch.append(i == start ? "" : ",").append(FileDocs.json(i));
        }
        insert.setLong(1, projectId);
        insert.setString(2, batch.append(']').toString());
        insert.executeUpdate();
      }
    }
  }
}
