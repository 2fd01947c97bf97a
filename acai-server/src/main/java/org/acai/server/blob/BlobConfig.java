package org.acai.server.blob;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which blob store the server uses, with that backend's settings.
 *
 * @param backend the kind of store
 * @param localRoot the directory of a {@link Backend#LOCAL} store; null otherwise
 * @param s3 the settings of an {@link Backend#S3} store; null otherwise
 */
public record BlobConfig(Backend backend, Path localRoot, S3BlobConfig s3) {

  /** The kinds of blob store. */
  public enum Backend {
    /** Files in a local directory. */
    LOCAL,
    /** An S3 bucket (AWS or S3-compatible). */
    S3,
    /** The heap; for tests only, nothing survives a restart. */
    MEMORY
  }

  public BlobConfig {
    Objects.requireNonNull(backend, "backend");
    if ((backend == Backend.LOCAL) != (localRoot != null)) {
      throw new IllegalArgumentException("A local root goes with the local backend only");
    }
    if ((backend == Backend.S3) != (s3 != null)) {
      throw new IllegalArgumentException("S3 settings go with the S3 backend only");
    }
  }

  /** A store in the directory {@code root}. */
  public static BlobConfig local(Path root) {
    return new BlobConfig(Backend.LOCAL, Objects.requireNonNull(root, "root"), null);
  }

  /** A store in an S3 bucket. */
  public static BlobConfig s3(S3BlobConfig s3) {
    return new BlobConfig(Backend.S3, null, Objects.requireNonNull(s3, "s3"));
  }

  /** A store on the heap, for tests. */
  public static BlobConfig memory() {
    return new BlobConfig(Backend.MEMORY, null, null);
  }

  /**
   * Reads {@code ACAI_BLOB_STORE} ({@code local} or {@code s3}; by default {@code s3} when {@code
   * ACAI_S3_BUCKET} is set, else {@code local}). A local store lives in {@code <acaiHome>/blobs};
   * an S3 store is configured as in {@link S3BlobConfig#fromEnv}.
   *
   * @throws IllegalArgumentException if a value is invalid or a required one is missing
   */
  public static BlobConfig fromEnv(Map<String, String> env, Path acaiHome) {
    String bucket = env.get("ACAI_S3_BUCKET");
    String chosen = env.get("ACAI_BLOB_STORE");
    if (chosen == null || chosen.isBlank()) {
      chosen = bucket == null || bucket.isBlank() ? "local" : "s3";
    }
    return switch (chosen.strip().toLowerCase(Locale.ROOT)) {
      case "local" -> local(acaiHome.resolve("blobs"));
      case "s3" -> s3(S3BlobConfig.fromEnv(env));
      default ->
          throw new IllegalArgumentException(
              "Invalid ACAI_BLOB_STORE: " + chosen + " (expected local or s3)");
    };
  }

  @Override
  public String toString() {
    return switch (backend) {
      case LOCAL -> "local blob store at " + localRoot;
      case S3 -> "S3 blob store " + s3;
      case MEMORY -> "in-memory blob store";
    };
  }
}
