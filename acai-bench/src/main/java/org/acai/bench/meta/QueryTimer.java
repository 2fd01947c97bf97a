package org.acai.bench.meta;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.acai.server.meta.EntityType;
import org.acai.server.meta.MetaPage;
import org.acai.server.meta.MetaQuery;
import org.acai.server.meta.QueryOptions;

/** Times one query through the store or as plain JDBC, reading every row of the first page. */
final class QueryTimer {
  private final MetaQuery store;
  private final DataSource dataSource;
  private final long project;

  QueryTimer(MetaQuery store, DataSource dataSource, long project) {
    this.store = store;
    this.dataSource = dataSource;
    this.project = project;
  }

  /** Runs iteration {@code k} through the store; returns its duration and hit count. */
  long[] store(BenchCase benchCase, int k) {
    long start = System.nanoTime();
    MetaPage page =
        store.find(
            project, EntityType.FILE, benchCase.conditions().apply(k), QueryOptions.defaults());
    return new long[] {System.nanoTime() - start, page.docs().size()};
  }

  /** Runs iteration {@code k} of a hand-written statement; returns its duration and row count. */
  long[] raw(Sql sql, int k) throws SQLException {
    List<Object> params = sql.params().apply(k);
    long start = System.nanoTime();
    long rows = 0;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.text())) {
      for (int i = 0; i < params.size(); i++) {
        statement.setObject(i + 1, params.get(i));
      }
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows += result.getString(1).length() > 0 ? 1 : 0;
        }
      }
    }
    return new long[] {System.nanoTime() - start, rows};
  }
}
