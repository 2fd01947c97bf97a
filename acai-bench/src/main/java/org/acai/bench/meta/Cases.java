package org.acai.bench.meta;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.acai.api.meta.Condition;

/** The benchmark's queries over {@code size} loaded files, each with its SQL baselines. */
final class Cases {
  private static final String DOCS =
      "SELECT CAST(doc AS text) FROM meta_docs WHERE project_id = ? AND entity_type = 'file' AND ";
  private static final String FIRST_PAGE = " ORDER BY seq LIMIT 1001";
  // User keys are in the GIN index of the documents' searchable part (V26).

  private final long project;
  private final long size;

  private Cases(long project, long size) {
    this.project = project;
    this.size = size;
  }

  static List<BenchCase> of(long project, long size) {
    Cases cases = new Cases(project, size);
    List<BenchCase> all = new ArrayList<>();
    all.add(cases.value());
    all.add(cases.broadValue());
    all.add(cases.regex("regex ^/data/run-N/part-0000 (20 hits)", "^/data/%s/part-0000"));
    all.add(cases.regex("regex run-N/part-0000, unanchored (20)", "%s/part-0000"));
    all.add(cases.range());
    all.add(cases.maxWithValue());
    all.add(cases.maxAlone());
    return all;
  }

  /** A run that exists at this size, different for each iteration. */
  private String run(int k) {
    return FileDocs.run((k * 7919L + 13) % (size / FileDocs.FILES_PER_RUN));
  }

  private String runJson(int k) {
    return "{\"run\":\"" + run(k) + "\"}";
  }

  private BenchCase value() {
    return new BenchCase(
        "value run=N (100 hits)",
        k -> List.of(Condition.value("run", run(k))),
        new Sql(
            DOCS + "searchable @> CAST(? AS jsonb)" + FIRST_PAGE,
            k -> List.of(project, runJson(k))),
        null);
  }

  private BenchCase broadValue() {
    return new BenchCase(
        "value model=M (20%, first 1000)",
        k -> List.of(Condition.value("model", model(k))),
        new Sql(
            DOCS + "searchable @> CAST(? AS jsonb)" + FIRST_PAGE,
            k -> List.of(project, "{\"model\":\"" + model(k) + "\"}")),
        null);
  }

  private static String model(int k) {
    return FileDocs.MODELS[k % FileDocs.MODELS.length];
  }

  private BenchCase regex(String name, String template) {
    return new BenchCase(
        name,
        k ->
            List.of(Condition.regex("__full_path__", String.format(Locale.ROOT, template, run(k)))),
        new Sql(
            DOCS + "doc ->> '__full_path__' ~ ?" + FIRST_PAGE,
            k -> List.of(project, String.format(Locale.ROOT, template, run(k)))),
        null);
  }

  private BenchCase range() {
    return new BenchCase(
        "range __create_time__ (100 hits)",
        k -> List.of(Condition.range("__create_time__", low(k), low(k) + 100_000)),
        // System numbers are served by expression indexes on the documents (V25).
        new Sql(
            DOCS
                + "jsonb_typeof(doc -> '__create_time__') = 'number'"
                + " AND (doc ->> '__create_time__')::numeric > ?"
                + " AND (doc ->> '__create_time__')::numeric <= ?"
                + FIRST_PAGE,
            k -> List.of(project, low(k), low(k) + 100_000)),
        null);
  }

  private long low(int k) {
    return FileDocs.createTime((k * 104_729L) % (size - 100));
  }

  private BenchCase maxWithValue() {
    return new BenchCase(
        "max accuracy among run=N",
        k -> List.of(Condition.value("run", run(k)), Condition.max("accuracy")),
        new Sql(
            "WITH c AS (SELECT seq, doc FROM meta_docs WHERE project_id = ?"
                + " AND entity_type = 'file' AND searchable @> CAST(? AS jsonb))"
                + " SELECT CAST(doc AS text) FROM c WHERE jsonb_typeof(doc -> 'accuracy') = 'number'"
                + " AND (doc ->> 'accuracy')::numeric = (SELECT max((doc ->> 'accuracy')::numeric)"
                + " FROM c WHERE jsonb_typeof(doc -> 'accuracy') = 'number')"
                + FIRST_PAGE,
            k -> List.of(project, runJson(k))),
        null);
  }

  private BenchCase maxAlone() {
    return new BenchCase(
        "max __size__ over all",
        k -> List.of(Condition.max("__size__")),
        new Sql(
            DOCS
                + "jsonb_typeof(doc -> '__size__') = 'number'"
                + " AND (doc ->> '__size__')::numeric = (SELECT max((doc ->> '__size__')::numeric)"
                + " FROM meta_docs WHERE project_id = ? AND entity_type = 'file'"
                + " AND jsonb_typeof(doc -> '__size__') = 'number')"
                + FIRST_PAGE,
            k -> List.of(project, project)),
        null);
  }
}
