package org.acai.testkit.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.acai.server.blob.BlobConfig;
import org.acai.server.blob.S3BlobConfig;
import org.acai.testkit.TempTrees;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * A real S3 server for tests: S3Proxy in this JVM, storing objects in a temp directory, checking
 * SigV4 signatures, on a free port of 127.0.0.1. Register it on a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final S3ProxyExtension S3 = new S3ProxyExtension();
 * ... BlobStores.fromConfig(S3.blobConfig()) ...
 * }</pre>
 *
 * <p>It starts before the class's tests and stops after them; outside JUnit, call {@link #start}
 * and {@link #close}.
 */
public final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  /** Access key id the server accepts. */
  public static final String ACCESS_KEY_ID = "acai-test-key";

  /** Secret key the server accepts. */
  public static final String SECRET_ACCESS_KEY = "acai-test-secret";

  /** Bucket that {@link #blobConfig()} points at; the blob store creates it on first use. */
  public static final String BUCKET = "acai-test";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private S3Proxy proxy;
  private FilesystemNio2BlobStore backend;
  private Path dataDir;
  private URI endpoint;

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /**
   * Starts the server unless it is running.
   *
   * @throws IllegalStateException if it does not start in time
   */
  public synchronized void start() {
    if (proxy != null) {
      return;
    }
    quietLogging();
    try {
      dataDir = Files.createTempDirectory("acai-s3proxy-");
      backend = new FilesystemNio2BlobStore(dataDir.toString());
      proxy =
          S3Proxy.builder()
              .blobStore(backend)
              .endpoint(URI.create("http://127.0.0.1:0"))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
              .build();
      proxy.start();
      awaitStarted();
      endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    } catch (Exception e) {
      close();
      throw new IllegalStateException("Cannot start S3Proxy", e);
    }
  }

  private void awaitStarted() throws InterruptedException {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (!"STARTED".equals(proxy.getState())) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("S3Proxy is still " + proxy.getState());
      }
      Thread.sleep(10);
    }
  }

  /** Stops the server and deletes its data. */
  @Override
  public synchronized void close() {
    try {
      if (proxy != null) {
        proxy.stop();
      }
      if (backend != null) {
        backend.close();
      }
      if (dataDir != null) {
        TempTrees.delete(dataDir);
      }
    } catch (Exception e) {
      throw new IllegalStateException("Cannot stop S3Proxy", e);
    } finally {
      proxy = null;
      backend = null;
      dataDir = null;
      endpoint = null;
    }
  }

  /** The server's base URL, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    if (endpoint == null) {
      throw new IllegalStateException("S3Proxy is not running");
    }
    return endpoint;
  }

  /** S3 settings for {@link #BUCKET} with a fresh random prefix, so that stores stay apart. */
  public S3BlobConfig s3Config() {
    return S3BlobConfig.of(endpoint(), BUCKET, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
        .withPrefix("t-" + UUID.randomUUID() + "/");
  }

  /** A blob-store config for this server, as {@link #s3Config()}. */
  public BlobConfig blobConfig() {
    return BlobConfig.s3(s3Config());
  }

  /** A plain S3 client for this server, to look at what a test wrote; the caller closes it. */
  public S3Client newClient() {
    return S3Client.builder()
        .endpointOverride(endpoint())
        .region(Region.of(S3BlobConfig.DEFAULT_REGION))
        .credentialsProvider(credentials())
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .forcePathStyle(true)
        .build();
  }

  /** A presigner that signs as {@link #newClient()} does; the caller closes it. */
  public S3Presigner newPresigner() {
    return S3Presigner.builder()
        .endpointOverride(endpoint())
        .region(Region.of(S3BlobConfig.DEFAULT_REGION))
        .credentialsProvider(credentials())
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
        .build();
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
  }

  /**
   * Without a logging config, logback logs everything at DEBUG; S3Proxy and the AWS SDK would then
   * write megabytes per test.
   */
  private static void quietLogging() {
    for (String name : new String[] {"org.gaul", "software.amazon.awssdk"}) {
      if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger
          && logger.getLevel() == null) {
        logger.setLevel(ch.qos.logback.classic.Level.WARN);
      }
    }
  }

  /** The environment that points an ACAI server at this S3 server, under a key prefix. */
  public java.util.Map<String, String> acaiEnv(String prefix) {
    return java.util.Map.of(
        "ACAI_BLOB_STORE", "s3",
        "ACAI_S3_ENDPOINT", endpoint().toString(),
        "ACAI_S3_BUCKET", BUCKET,
        "ACAI_S3_PREFIX", prefix,
        "ACAI_S3_ACCESS_KEY_ID", ACCESS_KEY_ID,
        "ACAI_S3_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
  }
}
