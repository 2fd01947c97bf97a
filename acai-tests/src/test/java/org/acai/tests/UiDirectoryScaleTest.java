package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The directory browser on a directory of 100k entries: every page, first, middle or last, reads
 * one page of rows. Prints the server round trips (a measurement, not a timed assertion).
 */
class UiDirectoryScaleTest {
  private static final int FILES = 100_000;

  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @Test
  void aDirectoryOfOneHundredThousandEntriesIsBrowsedPageByPage() {
    TestProject project = SERVER.newProject();
    seed(project);
    UiSession session = UiSession.signIn(SERVER.endpoint(), project.adminToken());
    session.get("/ui/files?path=/big");

    String first = timed(session, "first page", "/ui/files?path=/big");
    String middle = timed(session, "middle page", "/ui/files?path=/big&after=f050000.bin");
    String last = timed(session, "last page", "/ui/files?path=/big&after=f099950.bin");

    assertThat(first).contains("sub0/", "sub9/", "f000000.bin", "f000089.bin");
    assertThat(first).doesNotContain("f000090.bin").contains("after=f000089.bin");
    assertThat(middle).contains("f050001.bin", "f050100.bin").doesNotContain("f050000.bin");
    assertThat(last).contains("f099951.bin", "f099999.bin").doesNotContain("id=\"next-page\"");
  }

  private static String timed(UiSession session, String what, String path) {
    long best = Long.MAX_VALUE;
    HttpResponse<String> page = null;
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      page = session.get(path);
      best = Math.min(best, System.nanoTime() - start);
    }
    assertThat(page.statusCode()).isEqualTo(200);
    System.out.printf(
        "BENCH ui directory of %d entries, %s: %.1f ms (best of 5 round trips)%n",
        FILES + 10, what, best / 1e6);
    return page.body();
  }

  /** 100k files and 10 subdirectories in /big, straight into the tables. */
  private static void seed(TestProject project) {
    SERVER.withDatabase(
        handle -> {
          long id =
              handle
                  .createQuery("SELECT id FROM projects WHERE name = :name")
                  .bind("name", project.name())
                  .mapTo(Long.class)
                  .one();
          handle
              .createUpdate(
                  "INSERT INTO directories (project_id, path, parent) SELECT :p, '/big/sub' || i,"
                      + " '/big' FROM generate_series(0, 9) i UNION ALL SELECT :p, '/big', '/'")
              .bind("p", id)
              .execute();
          handle
              .createUpdate(
                  "INSERT INTO file_heads (project_id, path, parent, latest) SELECT :p,"
                      + " '/big/f' || lpad(i::text, 6, '0') || '.bin', '/big', 1"
                      + " FROM generate_series(0, :n - 1) i")
              .bind("p", id)
              .bind("n", FILES)
              .execute();
          return handle
              .createUpdate(
                  "INSERT INTO file_versions (project_id, path, version, sha256, size, creator_id)"
                      + " SELECT :p, '/big/f' || lpad(i::text, 6, '0') || '.bin', 1,"
                      + " repeat('0', 64), i, :creator FROM generate_series(0, :n - 1) i")
              .bind("p", id)
              .bind("n", FILES)
              .bind("creator", project.adminId())
              .execute();
        });
  }
}
