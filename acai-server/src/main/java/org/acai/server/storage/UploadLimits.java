package org.acai.server.storage;

import java.util.Map;
import org.acai.server.config.EnvSettings;

/**
 * Server limits on uploads, from the environment.
 *
 * @param maxFileBytes the largest file an upload may store ({@value #MAX_FILE_SIZE_ENV}, default 5
 *     TiB, S3's own limit), declared or not
 * @param maxOpenSessions how many upload sessions one user may have open at once ({@value
 *     #MAX_OPEN_SESSIONS_ENV}, default 1000); each holds staged bytes until it ends or expires
 */
public record UploadLimits(long maxFileBytes, long maxOpenSessions) {
  /** Environment variable: the largest file, e.g. {@code 100Gi}. */
  public static final String MAX_FILE_SIZE_ENV = "ACAI_MAX_FILE_SIZE";

  /** Environment variable: open upload sessions per user. */
  public static final String MAX_OPEN_SESSIONS_ENV = "ACAI_MAX_OPEN_SESSIONS";

  /** The defaults. */
  public static final UploadLimits DEFAULT = new UploadLimits(5L << 40, 1000);

  /** The limits the environment sets. */
  public static UploadLimits fromEnv(Map<String, String> env) {
    return new UploadLimits(
        EnvSettings.bytes(env, MAX_FILE_SIZE_ENV, DEFAULT.maxFileBytes(), 1),
        EnvSettings.count(env, MAX_OPEN_SESSIONS_ENV, DEFAULT.maxOpenSessions(), 1, 1_000_000));
  }
}
