package org.acai.server;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.acai.server.auth.AdminToken;
import org.acai.server.auth.CredentialRoutes;
import org.acai.server.auth.CredentialService;
import org.acai.server.auth.Removals;
import org.acai.server.blob.BlobConfig;
import org.acai.server.blob.BlobStore;
import org.acai.server.blob.BlobStores;
import org.acai.server.config.SelfSignedCertificate;
import org.acai.server.config.ServerConfig;
import org.acai.server.db.Database;
import org.acai.server.home.DataDirectory;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Caller;
import org.acai.server.http.HttpServer;
import org.acai.server.http.MetricsRoutes;
import org.acai.server.http.PublicUrl;
import org.acai.server.http.Route;
import org.acai.server.http.TlsSettings;
import org.acai.server.http.UserConcurrency;
import org.acai.server.job.JobModule;
import org.acai.server.lifecycle.LifecycleConfig;
import org.acai.server.lifecycle.LifecycleModule;
import org.acai.server.meta.EntityIds;
import org.acai.server.meta.MetaHooks;
import org.acai.server.meta.MetaQuery;
import org.acai.server.meta.MetaRoutes;
import org.acai.server.meta.MetaStore;
import org.acai.server.quota.QuotaRoutes;
import org.acai.server.quota.QuotaService;
import org.acai.server.storage.PackedBlobStore;
import org.acai.server.storage.StorageModule;
import org.acai.server.storage.StorageSettings;
import org.acai.server.ui.UiModule;
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
  private final BlobStore blobs;
  private final StorageModule storage;
  private final JobModule jobs;
  private final LifecycleModule lifecycle;
  private final HttpServer http;
  private final Path newAdminTokenFile;

  private AcaiServer(
      ServerConfig config,
      Database database,
      BlobStore blobs,
      StorageModule storage,
      JobModule jobs,
      LifecycleModule lifecycle,
      HttpServer http,
      Path newAdminTokenFile) {
    this.config = config;
    this.database = database;
    this.blobs = blobs;
    this.storage = storage;
    this.jobs = jobs;
    this.lifecycle = lifecycle;
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
    BlobStore blobs = null;
    StorageModule storage = null;
    JobModule jobs = null;
    LifecycleModule lifecycle = null;
    try {
      BlobConfig blobConfig = BlobConfig.fromEnv(config.env(), config.home());
      blobs = PackedBlobStore.wrap(BlobStores.fromConfig(blobConfig), blobConfig, database.jdbi());
      LOG.info("Blob store: {}", blobs.describe());
      CredentialService credentials = new CredentialService(database.jdbi());
      Path adminFile =
          AdminToken.ensure(credentials, config.home(), config.resetAdminToken()).orElse(null);
      Caller caller = new Caller(credentials, UserConcurrency.fromEnv(config.env()));
      List<ApiRoutes> services = new ArrayList<>();
      services.add(new CredentialRoutes(credentials, new Removals(database.jdbi()), caller));
      PublicUrl publicUrl = new PublicUrl(config.publicUrl());
      AtomicReference<URI> self = new AtomicReference<>();
      storage = storage(config, database, blobs, caller, publicUrl, services);
      jobs = jobs(config, database, storage, blobs, credentials, caller, self);
      services.add(jobs.routes());
      services.addAll(
          new UiModule(database.jdbi(), credentials, caller, jobs, storage, blobs, publicUrl)
              .routes());
      lifecycle =
          new LifecycleModule(
              database.jdbi(), blobs, caller, LifecycleConfig.fromEnv(config.env()));
      services.add(lifecycle.routes());
      services.add(new QuotaRoutes(new QuotaService(database.jdbi()), caller));
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      new JvmMemoryMetrics().bindTo(registry);
      new JvmThreadMetrics().bindTo(registry);
      lifecycle.metrics().bindTo(registry);
      services.add(new MetricsRoutes(registry, config.env(), caller, lifecycle.metrics()::refresh));
      TlsSettings tls = tlsOf(config);
      HttpServer http = HttpServer.start(config.host(), config.port(), tls, registry, services);
      publicUrl.bound(http.port());
      AcaiServer server =
          new AcaiServer(config, database, blobs, storage, jobs, lifecycle, http, adminFile);
      self.set(URI.create("http://127.0.0.1:" + http.port()));
      jobs.start();
      LOG.info(
          "ACAI server listening on {}{}",
          server.url(),
          server.tlsPort().map(port -> " and https port " + port).orElse(""));
      return server;
    } catch (RuntimeException e) {
      closeAll(lifecycle, jobs, storage, blobs, database);
      throw e;
    }
  }

  /** Storage, file sets and metadata; their routes go into {@code services}. */
  private static StorageModule storage(
      ServerConfig config,
      Database database,
      BlobStore blobs,
      Caller caller,
      PublicUrl publicUrl,
      List<ApiRoutes> services) {
    StorageModule storage =
        new StorageModule(
            database.jdbi(),
            blobs,
            caller,
            publicUrl,
            MetaHooks::fileSetCreated,
            StorageSettings.fromEnv(config.env()));
    services.addAll(storage.routes());
    services.add(
        new MetaRoutes(
            new MetaStore(database.jdbi()),
            new MetaQuery(database.jdbi()),
            new EntityIds(storage.files(), storage.fileSets()),
            caller));
    return storage;
  }

  /** Jobs; their agent calls the API at {@code self} once the server is bound. */
  private static JobModule jobs(
      ServerConfig config,
      Database database,
      StorageModule storage,
      BlobStore blobs,
      CredentialService credentials,
      Caller caller,
      AtomicReference<URI> self) {
    MetaStore meta = new MetaStore(database.jdbi());
    return new JobModule(
        database.jdbi(),
        storage,
        blobs,
        credentials,
        caller,
        config.home(),
        config.env(),
        self::get,
        (project, type, id, tags) -> meta.update(project, type, id, List.of(), tags));
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
      DataDirectory.prepare(home);
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

  /** The storage services. */
  public StorageModule storage() {
    return storage;
  }

  /** The job services. */
  public JobModule jobs() {
    return jobs;
  }

  /** Deletes, the trash and GC. */
  public LifecycleModule lifecycle() {
    return lifecycle;
  }

  /** The blob store. */
  public BlobStore blobs() {
    return blobs;
  }

  private static void closeAll(AutoCloseable... resources) {
    for (AutoCloseable resource : resources) {
      if (resource == null) {
        continue;
      }
      try {
        resource.close();
      } catch (Exception e) {
        LOG.warn("Could not close {}", resource, e);
      }
    }
  }

  @Override
  public void close() {
    closeAll(lifecycle, jobs);
    http.close();
    closeAll(storage, blobs, database);
    LOG.info("ACAI server stopped");
  }
}
