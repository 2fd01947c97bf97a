package org.acai.bench.meta;

import java.util.Locale;

/**
 * Synthetic file-version documents of a realistic shape: the system fields storage writes, a few
 * user keys and two tags. File {@code i} belongs to run {@code i / 100}; each run has 50 paths in
 * two versions, so a run always matches 100 documents whatever the data size.
 */
final class FileDocs {
  static final long CREATE_TIME_BASE = 1_700_000_000_000L;
  static final int FILES_PER_RUN = 100;
  static final String[] MODELS = {"cnn", "rnn", "mlp", "vit", "gbm"};
  private static final String[] SPLITS = {"train", "val", "test"};

  private FileDocs() {}

  static String run(long run) {
    return String.format(Locale.ROOT, "run-%05d", run);
  }

  static String path(long i) {
    return String.format(
        Locale.ROOT, "/data/%s/part-%05d.csv", run(i / FILES_PER_RUN), i % FILES_PER_RUN / 2);
  }

  static long version(long i) {
    return 1 + i % 2;
  }

  static String entityId(long i) {
    return path(i) + ":" + version(i);
  }

  static long createTime(long i) {
    return CREATE_TIME_BASE + i * 1000;
  }

  /** The document of file {@code i}, as compact JSON. */
  static String json(long i) {
    // A multiplicative hash spreads accuracies over 0.0000..0.9999 without a random generator.
    long accuracy = (i * 2_654_435_761L) % 10_000;
    return String.format(
        Locale.ROOT,
        "{\"_id\":\"%s\",\"__full_path__\":\"%s\",\"__version__\":%d,\"__size__\":%d,"
            + "\"__type__\":\"file\",\"__creator_id__\":%d,\"__create_time__\":%d,"
            + "\"run\":\"%s\",\"model\":\"%s\",\"accuracy\":0.%04d,\"epoch\":%d,"
            + "\"tags\":[\"%s\",\"shard-%d\"]}",
        entityId(i),
        path(i),
        version(i),
        (i * 7919) % 10_000_000 + 1,
        i % 50,
        createTime(i),
        run(i / FILES_PER_RUN),
        MODELS[(int) (i % MODELS.length)],
        accuracy,
        i % 100,
        SPLITS[(int) (i % SPLITS.length)],
        i % 10);
  }
}
