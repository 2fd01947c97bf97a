package org.acai.server.http;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.acai.api.error.ErrorCode;
import org.acai.api.json.WireJson;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The Javalin application: JSON conventions, error rendering, metrics, access log, routes. */
public final class HttpServer implements AutoCloseable {
  private static final String TLS_CONNECTOR = "acai-tls";
  private static final String PLAIN_CONNECTOR = "acai-http";

  /**
   * How long an idle keep-alive connection stays open. Jetty's 30 s default is far below the JDK
   * HTTP client's pool (20 min on Java 17), and a pooled connection the server closes just as a
   * client reuses it fails that request; idle connections cost little here.
   */
  private static final long IDLE_TIMEOUT_MILLIS = 10 * 60 * 1000L;

  /**
   * Bytes one read from a plain connection takes at most. Jetty's default of 8 KiB made a 1 GiB
   * upload 131k read calls; buffers are pooled and held only while a connection has bytes to read.
   */
  private static final int INPUT_BUFFER = 256 * 1024;

  /**
   * Size step of the connectors' buffer pool. Jetty's default pool keeps buffers up to 64 KiB only
   * and allocated (and zeroed) a fresh direct buffer for every fill of INPUT_BUFFER bytes: 1 GiB of
   * zeroing per 1 GiB upload, about a tenth of the server's CPU for it.
   */
  private static final int POOL_STEP = 4096;

  private static final long MAX_JSON_BODY = 16L * 1024 * 1024;

  private final Javalin app;
  private final List<Route> routes;

  private HttpServer(Javalin app, List<Route> routes) {
    this.app = app;
    this.routes = routes;
  }

  /**
   * Builds and starts the server.
   *
   * @param host interface to listen on
   * @param port plain HTTP port (0 picks a free one)
   * @param tls HTTPS settings, or null for plain HTTP only
   * @param registry where request metrics go (served at {@code /metrics} by {@link MetricsRoutes})
   * @param services every service's routes
   */
  public static HttpServer start(
      String host,
      int port,
      TlsSettings tls,
      PrometheusMeterRegistry registry,
      List<ApiRoutes> services) {
    List<Route> routes = new ArrayList<>();
    RequestObserver observer = new RequestObserver(registry);
    // Read before anything listens, so that a bad key file stops the start with its own message.
    KeyStore keys = tls == null ? null : TlsKeys.load(tls.keystore(), tls.password());
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.http.maxRequestSize = MAX_JSON_BODY;
              config.http.compressionStrategy = CompressionStrategy.NONE;
              config.jsonMapper(new JavalinJackson(WireJson.mapper(), false));
              config.requestLogger.http(observer::observe);
              config.routes.exception(Exception.class, ErrorRenderer::render);
              config.routes.error(
                  404,
                  "*",
                  ctx -> {
                    // A dashboard page that answered 404 itself keeps its HTML page.
                    String type = ctx.res().getContentType();
                    boolean page = type != null && type.startsWith("text/html");
                    if (!ErrorRenderer.written(ctx) && !page) {
                      ErrorRenderer.write(
                          ctx, ErrorCode.NOT_FOUND, "No such endpoint: " + ctx.path());
                    }
                  });
              Router router = new Router(config.routes);
              router.get("/healthz", ctx -> ctx.json(java.util.Map.of("status", "ok")));
              router.get("/openapi.yaml", OpenApiDocument::serve);
              services.forEach(service -> service.register(router));
              routes.addAll(router.registered());
              // Our own connectors (Javalin adds its plain one only when none is configured): the
              // plain one first, so that port() is the plain port, both on a pool that keeps
              // input buffers of INPUT_BUFFER bytes.
              ByteBufferPool buffers = new ArrayByteBufferPool(0, POOL_STEP, INPUT_BUFFER);
              config.jetty.addConnector(
                  (server, httpConfig) -> plainConnector(server, httpConfig, buffers, host, port));
              if (tls != null) {
                config.jetty.addConnector(
                    (server, httpConfig) ->
                        tlsConnector(server, httpConfig, buffers, host, tls, keys));
              }
            });
    app.start(host, port);
    return new HttpServer(app, List.copyOf(routes));
  }

  private static Connector plainConnector(
      org.eclipse.jetty.server.Server server,
      org.eclipse.jetty.server.HttpConfiguration httpConfig,
      ByteBufferPool buffers,
      String host,
      int port) {
    HttpConnectionFactory http = new HttpConnectionFactory(httpConfig);
    http.setInputBufferSize(INPUT_BUFFER);
    ServerConnector connector = new ServerConnector(server, null, null, buffers, -1, -1, http);
    connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
    connector.setName(PLAIN_CONNECTOR);
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  private static Connector tlsConnector(
      org.eclipse.jetty.server.Server server,
      org.eclipse.jetty.server.HttpConfiguration httpConfig,
      ByteBufferPool buffers,
      String host,
      TlsSettings tls,
      KeyStore keys) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(keys);
    ssl.setKeyStorePassword(tls.password() == null ? "" : tls.password());
    org.eclipse.jetty.server.HttpConfiguration secure =
        new org.eclipse.jetty.server.HttpConfiguration(httpConfig);
    SecureRequestCustomizer customizer = new SecureRequestCustomizer();
    customizer.setSniHostCheck(false);
    secure.addCustomizer(customizer);
    ServerConnector connector =
        new ServerConnector(
            server,
            null,
            null,
            buffers,
            -1,
            -1,
            new SslConnectionFactory(ssl, "http/1.1"),
            new HttpConnectionFactory(secure));
    connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
    connector.setName(TLS_CONNECTOR);
    connector.setHost(host);
    connector.setPort(tls.port());
    return connector;
  }

  /** The plain HTTP port actually bound. */
  public int port() {
    for (Connector connector : app.jettyServer().server().getConnectors()) {
      if (!TLS_CONNECTOR.equals(connector.getName()) && connector instanceof NetworkConnector net) {
        return net.getLocalPort();
      }
    }
    throw new IllegalStateException("Cannot find the plain http connector");
  }

  /** The HTTPS port actually bound, if HTTPS is on. */
  public Optional<Integer> tlsPort() {
    for (Connector connector : app.jettyServer().server().getConnectors()) {
      if (TLS_CONNECTOR.equals(connector.getName()) && connector instanceof NetworkConnector net) {
        return Optional.of(net.getLocalPort());
      }
    }
    return Optional.empty();
  }

  /** Every registered route. */
  public List<Route> routes() {
    return routes;
  }

  @Override
  public void close() {
    app.stop();
  }
}
