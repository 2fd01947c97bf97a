package org.acai.server.storage;

import java.time.Duration;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.config.EnvSettings;
import org.acai.server.lifecycle.LifecycleConfig;

/**
 * Server settings of storage, from the environment.
 *
 * @param maxFileBytes the largest file an upload may store ({@value #MAX_FILE_SIZE_ENV}, default 5
 *     TiB, S3's own limit), declared or not
 * @param maxOpenSessions how many upload sessions, and how many file-set drafts, one user may have
 *     open at once ({@value #MAX_OPEN_SESSIONS_ENV}, default 1000); each holds staged bytes or
 *     pinned versions until it ends or expires
 * @param urlTtl how long a data-plane (presigned) URL stays valid ({@value #URL_TTL_ENV}, default 1
 *     hour, from 1 second to 7 days); a transfer must start before then
 * @param partSize on a store with presigned URLs (S3), the part size of the multipart uploads a
 *     client sends straight to the store in parallel parts ({@value #PART_SIZE_ENV}, default 64
 *     MiB, 5 MiB to 5 GiB, S3's limits); only larger files of sessions that commit on finish take
 *     parts
 */
public record StorageSettings(
    long maxFileBytes, long maxOpenSessions, Duration urlTtl, long partSize) {
  /** Environment variable: the largest file, e.g. {@code 100Gi}. */
  public static final String MAX_FILE_SIZE_ENV = "ACAI_MAX_FILE_SIZE";

  /** Environment variable: open upload sessions per user. */
  public static final String MAX_OPEN_SESSIONS_ENV = "ACAI_MAX_OPEN_SESSIONS";

  /** Environment variable: the validity of data-plane URLs, e.g. {@code 15m}. */
  public static final String URL_TTL_ENV = "ACAI_URL_TTL";

  /** Environment variable: the part size of presigned multipart uploads, e.g. {@code 128Mi}. */
  public static final String PART_SIZE_ENV = "ACAI_UPLOAD_PART_SIZE";

  /** The defaults. */
  public static final StorageSettings DEFAULT =
      new StorageSettings(5L << 40, 1000, Duration.ofHours(1), 64L << 20);

  private static final long MIN_PART_SIZE = 5L << 20;
  private static final long MAX_PART_SIZE = 5L << 30;

  /**
   * The settings the environment makes.
   *
   * @throws InvalidRequestException if one is malformed or out of its range
   */
  public static StorageSettings fromEnv(Map<String, String> env) {
    String ttlSetting = env.get(URL_TTL_ENV);
    Duration ttl =
        ttlSetting == null || ttlSetting.isBlank()
            ? DEFAULT.urlTtl()
            : LifecycleConfig.parse(URL_TTL_ENV, ttlSetting.trim());
    if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(Duration.ofDays(7)) > 0) {
      throw new InvalidRequestException("Invalid %s: %s (from 1s to 7d)", URL_TTL_ENV, ttlSetting);
    }
    long partSize = EnvSettings.bytes(env, PART_SIZE_ENV, DEFAULT.partSize(), MIN_PART_SIZE);
    if (partSize > MAX_PART_SIZE) {
      throw new InvalidRequestException(
          "Invalid %s: %s (from 5Mi to 5Gi)", PART_SIZE_ENV, env.get(PART_SIZE_ENV));
    }
    return new StorageSettings(
        EnvSettings.bytes(env, MAX_FILE_SIZE_ENV, DEFAULT.maxFileBytes(), 1),
        EnvSettings.count(env, MAX_OPEN_SESSIONS_ENV, DEFAULT.maxOpenSessions(), 1, 1_000_000),
        ttl,
        partSize);
  }
}
