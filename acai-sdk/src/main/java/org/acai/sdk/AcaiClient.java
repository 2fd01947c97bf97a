package org.acai.sdk;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import org.acai.api.identity.Identity;
import org.acai.sdk.auth.AcaiCredentials;
import org.acai.sdk.auth.Credentials;
import org.acai.sdk.internal.Transport;
import org.acai.sdk.transfer.Transfers;

/**
 * A connection to an ACAI server as one user: the entry point of the Java SDK. Each service has its
 * own client ({@link #identity()}, {@link #files()}, {@link #fileSets()}). Thread-safe; share one
 * instance.
 */
public final class AcaiClient {
  private static final Duration DATA_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final Transport transport;
  private final IdentityClient identity;
  private final FileSetClient fileSets;
  private final FileClient files;
  private final MetaClient meta;
  private final JobClient jobs;
  private final TrashClient trash;
  private final AdminClient admin;

  private AcaiClient(Transport transport) {
    this.transport = transport;
    this.identity = new IdentityClient(transport);
    Transfers transfers = new Transfers(AcaiClient::dataPlaneClient);
    this.fileSets = new FileSetClient(transport, transfers);
    this.files = new FileClient(transport, transfers, fileSets);
    this.meta = new MetaClient(transport);
    this.jobs = new JobClient(transport);
    this.trash = new TrashClient(transport);
    this.admin = new AdminClient(transport);
  }

  /**
   * A client for {@code endpoint} acting with {@code token}.
   *
   * @param endpoint the server's base URL, e.g. {@code http://127.0.0.1:8080}
   * @param token a user token
   */
  public static AcaiClient connect(URI endpoint, String token) {
    return new AcaiClient(
        new Transport(
            Objects.requireNonNull(endpoint, "endpoint"), Objects.requireNonNull(token, "token")));
  }

  /** A client with these credentials. */
  public static AcaiClient connect(AcaiCredentials credentials) {
    return connect(credentials.endpoint(), credentials.token());
  }

  /**
   * A client with the process's credentials (login, environment, then {@code ~/.acai/credentials}).
   *
   * @throws org.acai.api.error.NotAuthenticatedException if none are configured
   */
  public static AcaiClient fromEnvironment() {
    return connect(Credentials.load());
  }

  /** The server's base URL. */
  public URI endpoint() {
    return transport.endpoint();
  }

  /** Identity, users and tokens. */
  public IdentityClient identity() {
    return identity;
  }

  /** The versioned file store. */
  public FileClient files() {
    return files;
  }

  /** Metadata and queries. */
  public MetaClient meta() {
    return meta;
  }

  /** File sets. */
  public FileSetClient fileSets() {
    return fileSets;
  }

  /** Jobs: submit, wait, kill, logs, lineage. */
  public JobClient jobs() {
    return jobs;
  }

  /** Deletes, the trash and restores. */
  public TrashClient trash() {
    return trash;
  }

  /** Server administration (GC); only with the global admin token. */
  public AdminClient admin() {
    return admin;
  }

  /** Shortcut for {@code identity().whoami()}. */
  public Identity whoami() {
    return identity.whoami();
  }

  /**
   * The data plane gets its own HTTP/1.1 client: parallel transfers then use parallel connections
   * instead of sharing one multiplexed stream, and presigned URLs may point anywhere.
   */
  private static HttpClient dataPlaneClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(DATA_CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  Transport transport() {
    return transport;
  }
}
