package org.acai.cli.server;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.acai.cli.CliContext;
import org.acai.server.AcaiServer;
import org.acai.server.config.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code acai server}: runs the ACAI server until Ctrl-C or SIGTERM. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Run the ACAI server. With no configuration everything lives under the data directory:",
      "embedded PostgreSQL, blobs on local disk, jobs as local sandboxed processes.",
      "Environment: ACAI_HOME, ACAI_HOST, ACAI_PORT, ACAI_TLS_PORT, ACAI_DB_URL/_USER/_PASSWORD,",
      "ACAI_PUBLIC_URL, ACAI_S3_* (see README)."
    })
public final class ServerCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(
      names = "--port",
      description = "HTTP port (default: ACAI_PORT or 8080; 0 picks a free one).")
  private Integer port;

  @Option(names = "--home", description = "Data directory (default: ACAI_HOME or ~/.acai/server).")
  private Path home;

  @Option(
      names = "--host",
      description = "Interface to listen on (default: ACAI_HOST or 127.0.0.1).")
  private String host;

  @Option(names = "--tls-port", description = "Also serve HTTPS on this port.")
  private Integer tlsPort;

  @Option(
      names = "--tls-keystore",
      description =
          "PKCS#12 keystore, or PEM file with the certificate chain and private key, for HTTPS"
              + " (default: a self-signed certificate kept in the data directory).")
  private Path tlsKeystore;

  @Option(
      names = "--reset-admin-token",
      description = "Replace the admin token and write the new one to DIR/admin-token.")
  private boolean resetAdminToken;

  ServerCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config = ServerConfig.fromEnv(context.env());
    if (home != null) {
      config = config.withHome(home);
    }
    if (host != null) {
      config = config.withHost(host);
    }
    config =
        config.withPorts(
            port != null ? port : config.port(), tlsPort != null ? tlsPort : config.tlsPort());
    if (tlsKeystore != null) {
      config = config.withTlsKeystore(tlsKeystore, context.env().get("ACAI_TLS_KEYSTORE_PASSWORD"));
    }
    if (resetAdminToken) {
      config = config.withAdminTokenReset();
    }
    AcaiServer server = AcaiServer.start(config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "acai-server-stop"));
    context.out().printf("ACAI server ready at %s%n", server.url());
    server.tlsPort().ifPresent(tls -> context.out().printf("HTTPS on port %d%n", tls));
    server
        .newAdminTokenFile()
        .ifPresentOrElse(
            file -> context.out().printf("Admin token written to %s (mode 0600)%n", file),
            () ->
                context
                    .out()
                    .printf(
                        "Admin token: unchanged since first start (see %s)%n",
                        server.home().resolve("admin-token")));
    context.out().println("Press Ctrl-C to stop.");
    context.out().flush();
    stopped.await();
    return 0;
  }
}
