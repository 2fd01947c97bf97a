package org.acai.bench.transfer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.acai.testkit.s3.S3ProxyExtension;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * What the S3 server itself takes for the bytes of an upload, without ACAI: {@code curl} PUTs of
 * the same files to presigned URLs of the bucket ({@code parallelism} at a time, as the download
 * ceiling fetches), and the server-side copy of what they wrote. An ACAI upload to S3 needs both:
 * the client's bytes land under a staging key, and the commit copies them to their content address
 * once it has read them back and checked their SHA-256.
 */
public final class S3Ceilings implements StoreCeiling {
  private static final Duration URL_LIFETIME = Duration.ofMinutes(30);

  private static final String BUCKET = S3ProxyExtension.BUCKET;

  private final S3Client s3;
  private final S3Presigner presigner;
  private final Path scratch;
  private final int parallelism;

  /** Measures {@code s3} (running); writes its curl configs under {@code scratch}. */
  public S3Ceilings(S3ProxyExtension s3, Path scratch, int parallelism) {
    this.s3 = s3.newClient();
    this.presigner = s3.newPresigner();
    this.scratch = scratch;
    this.parallelism = parallelism;
  }

  @Override
  public List<String> operations() {
    return List.of("curl PUT to S3", "S3 server-side copy");
  }

  @Override
  public List<Long> measure(List<Path> files) throws IOException, InterruptedException {
    String prefix = "ceiling/" + UUID.randomUUID() + "/";
    List<String> keys = new ArrayList<>();
    StringBuilder config = new StringBuilder();
    for (int i = 0; i < files.size(); i++) {
      String key = prefix + i;
      keys.add(key);
      config.append("upload-file = \"").append(files.get(i)).append("\"\n");
      config.append("url = \"").append(presignedPut(key)).append("\"\n");
    }
    Path curlConfig = scratch.resolve("s3-put-" + UUID.randomUUID() + ".curl");
    Files.writeString(curlConfig, config.toString(), StandardCharsets.UTF_8);
    try {
      Shell.sync();
      long start = System.nanoTime();
      Shell.curl(curlConfig, parallelism);
      long put = System.nanoTime() - start;
      Shell.sync();
      start = System.nanoTime();
      for (String key : keys) {
        s3.copyObject(
            request ->
                request
                    .sourceBucket(BUCKET)
                    .sourceKey(key)
                    .destinationBucket(BUCKET)
                    .destinationKey(key + ".copy"));
      }
      long copy = System.nanoTime() - start;
      return List.of(put, copy);
    } finally {
      Files.delete(curlConfig);
      for (String key : keys) {
        s3.deleteObject(request -> request.bucket(BUCKET).key(key));
        s3.deleteObject(request -> request.bucket(BUCKET).key(key + ".copy"));
      }
    }
  }

  private String presignedPut(String key) {
    return presigner
        .presignPutObject(
            request ->
                request
                    .signatureDuration(URL_LIFETIME)
                    .putObjectRequest(object -> object.bucket(BUCKET).key(key)))
        .url()
        .toString();
  }

  @Override
  public void close() {
    presigner.close();
    s3.close();
  }
}
