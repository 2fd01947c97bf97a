package org.acai.server.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.acai.api.error.ServiceUnavailableException;
import org.acai.api.meta.Condition;
import org.acai.server.db.Database;
import org.acai.testkit.SharedPostgres;
import org.junit.jupiter.api.Test;

/** One slow query cannot hold the database: the statement timeout stops it with a 503. */
class MetaQueryTimeoutTest {
  @Test
  void aQueryPastTheTimeoutIsCancelledAndTheNextOneRuns() {
    try (Database database = Database.open(SharedPostgres.newDatabase())) {
      long project =
          database
              .jdbi()
              .withHandle(
                  handle -> {
                    long id =
                        handle
                            .createQuery("INSERT INTO projects (name) VALUES ('slow') RETURNING id")
                            .mapTo(Long.class)
                            .one();
                    handle.execute(
                        "INSERT INTO meta_docs (project_id, entity_type, entity_id, doc)"
                            + " SELECT ?, 'file', '/f' || i || ':1',"
                            + " jsonb_build_object('note', repeat(md5(i::text), 8))"
                            + " FROM generate_series(1, 50000) AS i",
                        id);
                    return id;
                  });
      List<Condition> scan = List.of(Condition.regex("note", "(x|y)+z.*q$"));

      MetaQuery impatient = new MetaQuery(database.jdbi(), Duration.ofMillis(1));

      assertThatThrownBy(
              () -> impatient.find(project, EntityType.FILE, scan, QueryOptions.defaults()))
          .isInstanceOf(ServiceUnavailableException.class)
          .hasMessageContaining("ran longer than 1 ms");
      assertThat(
              new MetaQuery(database.jdbi())
                  .find(project, EntityType.FILE, scan, QueryOptions.defaults())
                  .docs())
          .isEmpty();
    }
  }
}
