package org.acai.bench.ui;

import org.jdbi.v3.core.Jdbi;

/**
 * Fills one project in SQL, the way the services store them: file versions with their heads,
 * directories and metadata documents, and finished jobs with theirs. The pages only read them.
 */
public final class UiData {
  /** Files in {@code /big}, one directory this large. */
  public static final int BIG_DIRECTORY = 20_000;

  private static final int DATA_DIRECTORIES = 30;

  private UiData() {}

  /**
   * Inserts {@code files} files of two versions each (half of them in {@link #BIG_DIRECTORY}, the
   * rest spread over {@code /data/d0..d29}); every 100th is tagged {@code golden}, each has a
   * numeric {@code epoch} (0-49).
   */
  public static void files(Jdbi jdbi, long project, long creator, int files) {
    jdbi.useHandle(
        handle -> {
          handle.execute(
              "CREATE TEMP TABLE bench_paths AS SELECT g, CASE WHEN g <= ? THEN '/big'"
                  + " ELSE '/data/d' || (g % ?) END AS parent FROM generate_series(1, ?) g",
              BIG_DIRECTORY, DATA_DIRECTORIES, files);
          handle.execute(
              "INSERT INTO directories (project_id, path, parent)"
                  + " SELECT ?, '/data', '/' UNION ALL SELECT ?, '/big', '/'"
                  + " UNION ALL SELECT DISTINCT ?, parent, '/data' FROM bench_paths"
                  + " WHERE parent LIKE '/data/%'",
              project, project, project);
          handle.execute(
              "INSERT INTO file_heads (project_id, path, parent, latest)"
                  + " SELECT ?, parent || '/f' || g || '.bin', parent, 2 FROM bench_paths",
              project);
          // Every version gets a stored document below (it has user keys): no derived one.
          handle.execute(
              "INSERT INTO file_versions (project_id, path, version, sha256, size, creator_id,"
                  + " doc_seq) SELECT ?, parent || '/f' || g || '.bin', v,"
                  + " md5(g::text || v) || md5(g::text), 1000 + g, ?, NULL"
                  + " FROM bench_paths, generate_series(1, 2) v",
              project,
              creator);
          handle.execute(
              "INSERT INTO meta_docs (project_id, entity_type, entity_id, doc)"
                  + " SELECT ?, 'file', p || ':' || v, jsonb_build_object('_id', p || ':' || v,"
                  + " '__type__', 'file', '__full_path__', p, '__version__', v,"
                  + " '__size__', 1000 + g, '__creator_id__', ?, 'epoch', g % 50,"
                  + " 'tags', CASE WHEN g % 100 = 0 THEN '[\"golden\"]'::jsonb"
                  + " ELSE '[]'::jsonb END)"
                  + " FROM (SELECT g, parent || '/f' || g || '.bin' AS p FROM bench_paths) f,"
                  + " generate_series(1, 2) v",
              project, creator);
          handle.execute("DROP TABLE bench_paths");
        });
  }

  /**
   * Inserts {@code count} jobs named {@code train-N}, alternately by the two users; every 10th
   * FAILED, the rest FINISHED; every 50th tagged {@code nightly}; each with a numeric {@code loss}.
   */
  public static void jobs(Jdbi jdbi, long project, long[] creators, int count) {
    jdbi.useHandle(
        handle ->
            handle.execute(
                "WITH j AS (INSERT INTO jobs (project_id, creator_id, name, command, output_path,"
                    + " output_set_name, cpu_millis, memory_bytes, gpus, status, reason)"
                    + " SELECT ?, CASE WHEN g % 2 = 0 THEN ? ELSE ? END, 'train-' || g, 'true',"
                    + " './out/', 'train_' || g, 1000, 268435456, 0,"
                    + " CASE WHEN g % 10 = 0 THEN 'FAILED' ELSE 'FINISHED' END, 'bench'"
                    + " FROM generate_series(1, ?) g ORDER BY g RETURNING id, project_id, creator_id)"
                    + " INSERT INTO meta_docs (project_id, entity_type, entity_id, doc)"
                    + " SELECT project_id, 'job', id::text, jsonb_build_object('_id', id::text,"
                    + " '__creator_id__', creator_id, 'loss', (id % 1000) / 1000.0,"
                    + " 'tags', CASE WHEN id % 50 = 0 THEN '[\"nightly\"]'::jsonb"
                    + " ELSE '[]'::jsonb END) FROM j",
                project, creators[0], creators[1], count));
    jdbi.useHandle(handle -> handle.execute("VACUUM ANALYZE"));
  }
}
