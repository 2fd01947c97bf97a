package org.acai.server.blob.s3;

import org.acai.server.blob.S3BlobConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CreateBucketConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Builds the AWS SDK clients for an {@link S3BlobConfig} and makes sure the bucket exists. */
final class S3Clients {
  private static final Logger LOG = LoggerFactory.getLogger(S3Clients.class);

  private S3Clients() {}

  /**
   * A synchronous client with the JDK's HTTP connection, path-style addressing and checksums only
   * where S3 requires them: the store verifies SHA-256 itself, and S3-compatible servers differ in
   * which of the newer checksum headers they accept.
   */
  static S3Client client(S3BlobConfig config) {
    S3ClientBuilder builder =
        S3Client.builder()
            .region(Region.of(config.region()))
            .credentialsProvider(credentials(config))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (config.endpoint() != null) {
      builder.endpointOverride(config.endpoint());
    }
    return builder.build();
  }

  /** A presigner that signs the same way as {@link #client}. */
  static S3Presigner presigner(S3BlobConfig config) {
    S3Presigner.Builder builder =
        S3Presigner.builder()
            .region(Region.of(config.region()))
            .credentialsProvider(credentials(config))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build());
    if (config.endpoint() != null) {
      builder.endpointOverride(config.endpoint());
    }
    return builder.build();
  }

  /**
   * Creates the bucket if it is missing. A bucket we may not inspect fails here rather than later:
   * without list permission S3 also answers 403 instead of 404 for missing objects, which the store
   * relies on, and a wrong secret shows up as 403 too.
   */
  static void ensureBucket(S3Client s3, S3BlobConfig config) {
    try {
      s3.headBucket(request -> request.bucket(config.bucket()));
      return;
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw e;
      }
    }
    try {
      s3.createBucket(
          request -> {
            request.bucket(config.bucket());
            if (!S3BlobConfig.DEFAULT_REGION.equals(config.region())) {
              request.createBucketConfiguration(
                  CreateBucketConfiguration.builder().locationConstraint(config.region()).build());
            }
          });
      LOG.info("Created bucket {}", config.bucket());
    } catch (S3Exception e) {
      // Another server may have created it in the meantime.
      if (e.statusCode() != 409) {
        throw e;
      }
    }
  }

  private static AwsCredentialsProvider credentials(S3BlobConfig config) {
    if (!config.hasStaticCredentials()) {
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(
        config.sessionToken() == null
            ? AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey())
            : AwsSessionCredentials.create(
                config.accessKeyId(), config.secretAccessKey(), config.sessionToken()));
  }
}
