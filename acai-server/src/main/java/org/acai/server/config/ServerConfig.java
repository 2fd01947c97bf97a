package org.acai.server.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.acai.api.error.InvalidRequestException;
import org.acai.server.db.DbConfig;

/**
 * Everything the server needs to start. Each setting has an environment variable; command-line
 * options override them.
 *
 * @param home data directory ({@code ACAI_HOME}, default {@code ~/.acai/server})
 * @param host interface to listen on ({@code ACAI_HOST}, default 127.0.0.1)
 * @param port plain HTTP port ({@code ACAI_PORT}, default 8080; 0 picks a free one)
 * @param tlsPort HTTPS port ({@code ACAI_TLS_PORT}), or null for no HTTPS
 * @param tlsKeystore PKCS#12 keystore ({@code ACAI_TLS_KEYSTORE}); null generates a self-signed one
 * @param tlsKeystorePassword its password ({@code ACAI_TLS_KEYSTORE_PASSWORD})
 * @param db the database ({@code ACAI_DB_URL}, {@code ACAI_DB_USER}, {@code ACAI_DB_PASSWORD}; by
 *     default an embedded PostgreSQL under {@code home/pg})
 * @param publicUrl base URL clients reach this server at ({@code ACAI_PUBLIC_URL}); null derives it
 *     from each request
 * @param resetAdminToken whether to replace the admin token at start
 * @param env the environment the config was read from, for backends that read their own settings
 */
public record ServerConfig(
    Path home,
    String host,
    int port,
    Integer tlsPort,
    Path tlsKeystore,
    String tlsKeystorePassword,
    DbConfig db,
    String publicUrl,
    boolean resetAdminToken,
    Map<String, String> env) {

  public ServerConfig {
    Objects.requireNonNull(home, "home");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(db, "db");
    env = Map.copyOf(env);
    checkPort("port", port);
    if (tlsPort != null) {
      checkPort("tls port", tlsPort);
    }
  }

  /** Reads the configuration from environment variables. */
  public static ServerConfig fromEnv(Map<String, String> env) {
    Path home =
        Path.of(env.getOrDefault("ACAI_HOME", System.getProperty("user.home") + "/.acai/server"))
            .toAbsolutePath();
    return new ServerConfig(
        home,
        env.getOrDefault("ACAI_HOST", "127.0.0.1"),
        intOf(env, "ACAI_PORT", 8080),
        env.containsKey("ACAI_TLS_PORT") ? intOf(env, "ACAI_TLS_PORT", 0) : null,
        env.containsKey("ACAI_TLS_KEYSTORE") ? Path.of(env.get("ACAI_TLS_KEYSTORE")) : null,
        env.get("ACAI_TLS_KEYSTORE_PASSWORD"),
        dbOf(env, home),
        env.get("ACAI_PUBLIC_URL"),
        false,
        env);
  }

  /** This config with another home; the embedded database follows the home. */
  public ServerConfig withHome(Path newHome) {
    Path absolute = newHome.toAbsolutePath();
    DbConfig newDb = db.isEmbedded() ? DbConfig.embedded(absolute.resolve("pg")) : db;
    return new ServerConfig(
        absolute,
        host,
        port,
        tlsPort,
        tlsKeystore,
        tlsKeystorePassword,
        newDb,
        publicUrl,
        resetAdminToken,
        env);
  }

  /** This config with other ports. */
  public ServerConfig withPorts(int newPort, Integer newTlsPort) {
    return new ServerConfig(
        home,
        host,
        newPort,
        newTlsPort,
        tlsKeystore,
        tlsKeystorePassword,
        db,
        publicUrl,
        resetAdminToken,
        env);
  }

  /** This config with another listen address. */
  public ServerConfig withHost(String newHost) {
    return new ServerConfig(
        home,
        newHost,
        port,
        tlsPort,
        tlsKeystore,
        tlsKeystorePassword,
        db,
        publicUrl,
        resetAdminToken,
        env);
  }

  /** This config with a given HTTPS keystore. */
  public ServerConfig withTlsKeystore(Path keystore, String password) {
    return new ServerConfig(
        home, host, port, tlsPort, keystore, password, db, publicUrl, resetAdminToken, env);
  }

  /** This config with another database. */
  public ServerConfig withDb(DbConfig newDb) {
    return new ServerConfig(
        home,
        host,
        port,
        tlsPort,
        tlsKeystore,
        tlsKeystorePassword,
        newDb,
        publicUrl,
        resetAdminToken,
        env);
  }

  /** This config, asking for a new admin token at start. */
  public ServerConfig withAdminTokenReset() {
    return new ServerConfig(
        home, host, port, tlsPort, tlsKeystore, tlsKeystorePassword, db, publicUrl, true, env);
  }

  private static DbConfig dbOf(Map<String, String> env, Path home) {
    String url = env.get("ACAI_DB_URL");
    if (url == null || url.isBlank()) {
      return DbConfig.embedded(home.resolve("pg"));
    }
    return DbConfig.external(url, env.get("ACAI_DB_USER"), env.get("ACAI_DB_PASSWORD"));
  }

  private static int intOf(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("Invalid %s: %s (expected a port number)", name, value);
    }
  }

  private static void checkPort(String what, int port) {
    if (port < 0 || port > 65535) {
      throw new InvalidRequestException("Invalid %s: %d", what, port);
    }
  }

  @Override
  public String toString() {
    return "ServerConfig[home="
        + home
        + ", host="
        + host
        + ", port="
        + port
        + ", tlsPort="
        + tlsPort
        + ", db="
        + db
        + "]";
  }
}
