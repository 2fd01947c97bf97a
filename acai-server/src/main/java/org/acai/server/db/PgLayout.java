package org.acai.server.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.acai.server.home.FileModes;

/**
 * Where the embedded PostgreSQL keeps its files, beside its data directory {@code D}: {@code
 * D-password} (the superuser's password, 0600), {@code D-socket/} (the Unix socket, 0700) and
 * {@code D.log} (the server log); the binaries are unpacked into a private per-user cache, or
 * {@code D-bin/}.
 *
 * @param dataDir the data directory
 * @param passwordFile the superuser's password
 * @param socketDir the directory of the Unix socket {@code .s.PGSQL.5432}
 * @param binaries where the binaries are unpacked
 * @param logFile PostgreSQL's log
 */
public record PgLayout(
    Path dataDir, Path passwordFile, Path socketDir, Path binaries, Path logFile) {
  /** A socket path must fit in {@code sun_path} (108 bytes with its terminating zero). */
  private static final int MAX_SOCKET_PATH = 107;

  static PgLayout of(Path dataDir) throws IOException {
    Path data = dataDir.toAbsolutePath().normalize();
    String name = data.getFileName().toString();
    return new PgLayout(
        data,
        data.resolveSibling(name + "-password"),
        socketDir(data.resolveSibling(name + "-socket")),
        binaries(data.resolveSibling(name + "-bin")),
        data.resolveSibling(name + ".log"));
  }

  /**
   * Where the binaries are unpacked: a cache private to the server's user ({@code
   * ~/.cache/acai/postgres}, 0700, shared by its data directories, so a new one does not unpack 60
   * MB again), or {@code fallback} in the data directory when that cache is not the user's own.
   */
  private static Path binaries(Path fallback) {
    Path cache = Path.of(System.getProperty("user.home"), ".cache", "acai", "postgres");
    try {
      FileModes.createPrivateDirectories(cache);
      String owner = Files.getOwner(cache, LinkOption.NOFOLLOW_LINKS).getName();
      if (owner.equals(System.getProperty("user.name")) && !Files.isSymbolicLink(cache)) {
        return cache;
      }
    } catch (IOException | UnsupportedOperationException e) {
      // not usable: unpack into the data directory
    }
    return fallback;
  }

  /** The preferred socket directory, or a private temporary one when its path is too long. */
  private static Path socketDir(Path preferred) throws IOException {
    String socket = preferred.resolve(socketName()).toString();
    if (socket.getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH) {
      return preferred;
    }
    return Files.createTempDirectory("acai-pg-", FileModes.privateDirectory());
  }

  private static String socketName() {
    return ".s.PGSQL." + PgServer.PORT;
  }

  /** The directory holding the data directory (the server's data directory). */
  public Path home() {
    return dataDir.getParent();
  }

  /** The Unix socket. */
  public Path socketFile() {
    return socketDir.resolve(socketName());
  }
}
