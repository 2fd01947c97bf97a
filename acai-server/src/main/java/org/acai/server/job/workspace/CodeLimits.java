package org.acai.server.job.workspace;

import java.util.Map;
import org.acai.server.config.EnvSettings;

/**
 * How large a job's code archive may unpack, from the server's environment.
 *
 * @param maxBytes total uncompressed bytes ({@value #MAX_SIZE_ENV}, default 2 GiB)
 * @param maxEntries entries, directories included ({@value #MAX_FILES_ENV}, default 100,000)
 */
public record CodeLimits(long maxBytes, int maxEntries) {
  /** Environment variable: the unpacked size, e.g. {@code 512Mi}. */
  public static final String MAX_SIZE_ENV = "ACAI_MAX_CODE_SIZE";

  /** Environment variable: the number of entries. */
  public static final String MAX_FILES_ENV = "ACAI_MAX_CODE_FILES";

  /** The defaults. */
  public static final CodeLimits DEFAULT = new CodeLimits(2L << 30, 100_000);

  /** The limits the environment sets. */
  public static CodeLimits fromEnv(Map<String, String> env) {
    return new CodeLimits(
        EnvSettings.bytes(env, MAX_SIZE_ENV, DEFAULT.maxBytes(), 1),
        (int) EnvSettings.count(env, MAX_FILES_ENV, DEFAULT.maxEntries(), 1, 10_000_000));
  }
}
