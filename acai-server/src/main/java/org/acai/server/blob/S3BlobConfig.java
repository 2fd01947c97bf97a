package org.acai.server.blob;

import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where and how the S3 blob store keeps its objects.
 *
 * @param endpoint endpoint of an S3-compatible store, or null for AWS
 * @param bucket the bucket; created on first start if missing
 * @param region the signing region, {@code us-east-1} if null
 * @param prefix key prefix for everything the store writes; normalized to end with {@code /}, or
 *     empty
 * @param accessKeyId static access key id, or null for the AWS SDK's default credentials chain
 * @param secretAccessKey static secret key; null exactly when {@code accessKeyId} is
 * @param sessionToken session token for temporary static credentials, or null
 */
public record S3BlobConfig(
    URI endpoint,
    String bucket,
    String region,
    String prefix,
    String accessKeyId,
    String secretAccessKey,
    String sessionToken) {
  /** Region used when none is configured. */
  public static final String DEFAULT_REGION = "us-east-1";

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_./-]*");

  public S3BlobConfig {
    if (bucket == null || !BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("Invalid S3 bucket: " + bucket);
    }
    region = isBlank(region) ? DEFAULT_REGION : region;
    prefix = normalizePrefix(prefix);
    if (isBlank(accessKeyId) != isBlank(secretAccessKey)) {
      throw new IllegalArgumentException("Set both or neither of the S3 access key id and secret");
    }
  }

  /** Static credentials for {@code bucket} at {@code endpoint}, with no prefix. */
  public static S3BlobConfig of(
      URI endpoint, String bucket, String accessKeyId, String secretAccessKey) {
    return new S3BlobConfig(endpoint, bucket, null, "", accessKeyId, secretAccessKey, null);
  }

  /**
   * Reads {@code ACAI_S3_ENDPOINT}, {@code ACAI_S3_BUCKET}, {@code ACAI_S3_REGION}, {@code
   * ACAI_S3_PREFIX}, and credentials from {@code ACAI_S3_ACCESS_KEY_ID}/{@code
   * ACAI_S3_SECRET_ACCESS_KEY}, else {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}/{@code
   * AWS_SESSION_TOKEN}, else the AWS SDK's default chain.
   *
   * @throws IllegalArgumentException if the bucket is missing or a value is invalid
   */
  public static S3BlobConfig fromEnv(Map<String, String> env) {
    String endpoint = env.get("ACAI_S3_ENDPOINT");
    String bucket = env.get("ACAI_S3_BUCKET");
    if (isBlank(bucket)) {
      throw new IllegalArgumentException("Missing ACAI_S3_BUCKET for the S3 blob store");
    }
    boolean acaiKeys = !isBlank(env.get("ACAI_S3_ACCESS_KEY_ID"));
    return new S3BlobConfig(
        isBlank(endpoint) ? null : URI.create(endpoint.strip()),
        bucket.strip(),
        env.get("ACAI_S3_REGION"),
        env.get("ACAI_S3_PREFIX"),
        env.get(acaiKeys ? "ACAI_S3_ACCESS_KEY_ID" : "AWS_ACCESS_KEY_ID"),
        env.get(acaiKeys ? "ACAI_S3_SECRET_ACCESS_KEY" : "AWS_SECRET_ACCESS_KEY"),
        acaiKeys ? null : env.get("AWS_SESSION_TOKEN"));
  }

  /** This config with another key prefix, e.g. to keep tests apart in one bucket. */
  public S3BlobConfig withPrefix(String newPrefix) {
    return new S3BlobConfig(
        endpoint, bucket, region, newPrefix, accessKeyId, secretAccessKey, sessionToken);
  }

  /** Whether static credentials are configured (otherwise the SDK's default chain is used). */
  public boolean hasStaticCredentials() {
    return !isBlank(accessKeyId);
  }

  /** {@code s3://bucket/prefix}. */
  public String location() {
    return "s3://" + bucket + "/" + prefix;
  }

  @Override
  public String toString() {
    return location()
        + (endpoint == null ? "" : " at " + endpoint)
        + " in "
        + region
        + (hasStaticCredentials() ? " with static credentials" : " with default credentials");
  }

  private static String normalizePrefix(String prefix) {
    if (isBlank(prefix)) {
      return "";
    }
    String stripped = prefix.strip().replaceAll("^/+", "");
    if (!PREFIX.matcher(stripped).matches() || stripped.contains("..")) {
      throw new IllegalArgumentException("Invalid S3 prefix: " + prefix);
    }
    return stripped.isEmpty() || stripped.endsWith("/") ? stripped : stripped + "/";
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
