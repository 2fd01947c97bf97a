package org.acai.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.Condition;
import org.acai.sdk.JobSpec;

/**
 * What one simulated client does, an operation at a time, in a mix like a team's: uploads,
 * downloads, listings, metadata updates and queries, job submissions and log reads. Not
 * thread-safe: one per client thread.
 */
final class Ops {
  /** The kinds of operation, each timed on its own. */
  enum Kind {
    UPLOAD,
    DOWNLOAD,
    LIST_DIR,
    META_UPDATE,
    META_QUERY,
    JOB_SUBMIT,
    JOB_LOG
  }

  private static final int FILES = 50;

  private final AcaiClient client;
  private final Path scratch;
  private final String prefix;
  private final Random random;
  private int uploads;
  private long lastJob = -1;

  Ops(AcaiClient client, Path scratch, String prefix, long seed) {
    this.client = client;
    this.scratch = scratch;
    this.prefix = prefix;
    this.random = new Random(seed);
  }

  /** The next kind of operation: mostly reads, as on a shared platform. */
  Kind next() {
    int draw = random.nextInt(100);
    if (uploads == 0 || draw < 15) {
      return Kind.UPLOAD;
    }
    if (draw < 40) {
      return Kind.DOWNLOAD;
    }
    if (draw < 60) {
      return Kind.LIST_DIR;
    }
    if (draw < 70) {
      return Kind.META_UPDATE;
    }
    if (draw < 85) {
      return Kind.META_QUERY;
    }
    if (draw < 90 || lastJob < 0) {
      return Kind.JOB_SUBMIT;
    }
    return Kind.JOB_LOG;
  }

  /** Runs one operation of {@code kind}. */
  void run(Kind kind) throws IOException {
    switch (kind) {
      case UPLOAD -> upload();
      case DOWNLOAD ->
          client
              .files()
              .download(
                  Map.of(
                      file(random.nextInt(Math.min(uploads, FILES))),
                      scratch.resolve("down").toString()));
      case LIST_DIR -> client.files().listDir(prefix);
      case META_UPDATE ->
          client
              .meta()
              .updateFileMeta(
                  file(random.nextInt(Math.min(uploads, FILES))),
                  List.of("load"),
                  Map.of("n", random.nextInt(100)));
      case META_QUERY -> client.meta().findFile(Condition.of("n").value(random.nextInt(100)));
      case JOB_SUBMIT ->
          lastJob =
              client
                  .jobs()
                  .submit(
                      JobSpec.builder().name("load").command("echo hi").outputPath("out").build())
                  .id();
      case JOB_LOG -> client.jobs().log(lastJob);
    }
  }

  private void upload() throws IOException {
    Path file = scratch.resolve("up");
    byte[] bytes = new byte[4096 + random.nextInt(60_000)];
    random.nextBytes(bytes);
    Files.write(file, bytes);
    client.files().upload(Map.of(file.toString(), file(uploads % FILES)));
    uploads++;
  }

  private String file(int index) {
    return prefix + "/f" + index + ".bin";
  }

  /** How long a client waits between operations, as a person or a pipeline does a little. */
  static Duration thinkTime() {
    return Duration.ofMillis(5);
  }
}
