package org.acai.server;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.acai.server.auth.AdminToken;
import org.acai.server.auth.CredentialRoutes;
import org.acai.server.auth.CredentialService;
import org.acai.server.config.SelfSignedCertificate;
import org.acai.server.config.ServerConfig;
import org.acai.server.db.Database;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Caller;
import org.acai.server.http.HttpServer;
import org.acai.server.http.Route;
import org.acai.server.http.TlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: wires configuration to the database, the services and the HTTP server. One
 * process hosts every service; it keeps no state outside the database and the blob store.
 */
public final class AcaiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AcaiServer.class);

  private final ServerConfig config;
  private final Database database;
  private final HttpServer http;
  private final Path newAdminTokenFile;

  private AcaiServer(
      ServerConfig config, Database database, HttpServer http, Path newAdminTokenFile) {
    this.config = config;
    this.database = database;
    this.http = http;
    this.newAdminTokenFile = newAdminTokenFile;
  }

  /**
   * Starts a server: database (migrated), admin token (first start only), services, HTTP.
   *
   * @throws UncheckedIOException if the data directory or the database cannot be prepared
   */
  public static AcaiServer start(ServerConfig config) {
    createHome(config.home());
    Database database = Database.open(config.db());
    try {
      CredentialService credentials = new CredentialService(database.jdbi());
      Path adminFile =
          AdminToken.ensure(credentials, config.home(), config.resetAdminToken()).orElse(null);
      Caller caller = new Caller(credentials);
      List<ApiRoutes> services = new ArrayList<>();
      services.add(new CredentialRoutes(credentials, caller));
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      TlsSettings tls = tlsOf(config);
      HttpServer http = HttpServer.start(config.host(), config.port(), tls, registry, services);
      AcaiServer server = new AcaiServer(config, database, http, adminFile);
      LOG.info(
          "ACAI server listening on {}{}",
          server.url(),
          server.tlsPort().map(port -> " and https port " + port).orElse(""));
      return server;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  private static TlsSettings tlsOf(ServerConfig config) {
    if (config.tlsPort() == null) {
      return null;
    }
    if (config.tlsKeystore() != null) {
      return new TlsSettings(config.tlsPort(), config.tlsKeystore(), config.tlsKeystorePassword());
    }
    return SelfSignedCertificate.ensure(config.home(), config.tlsPort());
  }

  private static void createHome(Path home) {
    try {
      Files.createDirectories(home);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the data directory " + home, e);
    }
  }

  /** The plain HTTP port actually bound. */
  public int port() {
    return http.port();
  }

  /** The HTTPS port actually bound, if HTTPS is on. */
  public Optional<Integer> tlsPort() {
    return http.tlsPort();
  }

  /** The base URL of the plain HTTP endpoint. */
  public URI url() {
    String host = "0.0.0.0".equals(config.host()) ? "127.0.0.1" : config.host();
    return URI.create("http://" + host + ":" + port());
  }

  /** The data directory. */
  public Path home() {
    return config.home();
  }

  /** The file holding the admin token, when this start created a new one. */
  public Optional<Path> newAdminTokenFile() {
    return Optional.ofNullable(newAdminTokenFile);
  }

  /** Every HTTP route the server serves. */
  public List<Route> routes() {
    return http.routes();
  }

  /** The database, for tools and tests that inspect it. */
  public Database database() {
    return database;
  }

  @Override
  public void close() {
    http.close();
    database.close();
    LOG.info("ACAI server stopped");
  }
}
