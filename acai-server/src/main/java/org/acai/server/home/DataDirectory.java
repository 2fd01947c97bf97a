package org.acai.server.home;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares the server's data directory: created (or made) 0700, and, once per data directory, every
 * file and directory in it stripped of group and other permissions, so a data directory written by
 * an earlier version (0755 directories, 0444 blobs) is private too. The job work directories in
 * {@code jobs/} are left to the job runner.
 */
public final class DataDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

  /** Present once the walk below ran; its content names the version of the rules. */
  static final String MARKER = ".private";

  private static final String RULES = "1";

  private DataDirectory() {}

  /** Creates or tightens {@code home}. */
  public static void prepare(Path home) throws IOException {
    FileModes.createPrivateDirectories(home);
    Path marker = home.resolve(MARKER);
    if (Files.exists(marker) && RULES.equals(Files.readString(marker).strip())) {
      return;
    }
    long started = System.nanoTime();
    FileModes.restrictTree(home, home.resolve("jobs"));
    Files.deleteIfExists(marker);
    Files.writeString(
        Files.createFile(marker, FileModes.privateFile()), RULES + "\n", StandardCharsets.UTF_8);
    LOG.info(
        "Data directory {} is private to the server's user (checked in {} ms)",
        home,
        (System.nanoTime() - started) / 1_000_000);
  }
}
