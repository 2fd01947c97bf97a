package org.acai.cli.daemon;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where the resident client of one build of the CLI lives for one user: a private directory {@code
 * $HOME/.acai/daemon} (mode 0700, owned by the user) holding the socket, lock and log of each
 * build, named after the jar's path, size and modification time. A rebuilt jar gets a new daemon;
 * the old one notices and ends.
 *
 * @param jar the CLI's jar
 * @param identity the jar's identity (path, size and time, hashed)
 * @param directory the user's daemon directory
 */
record DaemonPlace(Path jar, String identity, Path directory) {
  /** Linux's limit on a socket path is 108 bytes with its terminating zero. */
  private static final int MAX_SOCKET_PATH = 100;

  /** A file name's limit is 255 bytes; the door's slots directory adds {@code .slots.<pid>}. */
  private static final int MAX_DOOR_NAME = 240;

  static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

  /**
   * The place for this process's jar and the environment's home; empty when there is none (not run
   * from a jar, no usable home, a socket path too long for the system).
   */
  static Optional<DaemonPlace> of(Map<String, String> env) {
    Optional<Path> jar = runningJar();
    if (jar.isEmpty()) {
      return Optional.empty();
    }
    String home = env.get("HOME");
    Path base =
        home == null || home.isBlank() ? Path.of(System.getProperty("user.home")) : Path.of(home);
    if (!base.isAbsolute()) {
      return Optional.empty();
    }
    Optional<String> identity = identity(jar.get());
    if (identity.isEmpty()) {
      return Optional.empty();
    }
    DaemonPlace place =
        new DaemonPlace(jar.get(), identity.get(), base.resolve(".acai").resolve("daemon"));
    if (place.socket().toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
      return Optional.empty();
    }
    return Optional.of(place);
  }

  Path socket() {
    return directory.resolve(identity + ".sock");
  }

  Path lock() {
    return directory.resolve(identity + ".lock");
  }

  Path log() {
    return directory.resolve(identity + ".log");
  }

  /**
   * The door of the shell script ({@link DaemonDoor}): named after the jar's path as the JVM gives
   * it (links, {@code .} and {@code ..} resolved; the script tries that spelling when its own finds
   * no door), with {@code %} and {@code /} escaped as {@code %25} and {@code %2F}. Which build of
   * the jar the daemon runs, the daemon checks per request.
   *
   * @throws IOException if the name would be too long for the file system
   */
  Path door() throws IOException {
    String name = "door-" + jar.toString().replace("%", "%25").replace("/", "%2F");
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_DOOR_NAME) {
      throw new IOException("The jar's path is too long to name a door: " + jar);
    }
    return directory.resolve(name);
  }

  /** Whether the jar is still the one this place was named after. */
  boolean current() {
    return identity(jar).map(identity::equals).orElse(false);
  }

  /**
   * Creates the directory private to the user, or checks that it is: a directory (not a link) owned
   * by this user that nobody else may enter. Anything else means someone else could listen or
   * connect in our place.
   *
   * @throws IOException if it cannot be made so
   */
  void secure() throws IOException {
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(directory.getParent());
      try {
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PRIVATE));
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // Made by a concurrent command: checked below like any other.
      }
    }
    owner();
    if (!Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS).equals(PRIVATE)) {
      Files.setPosixFilePermissions(directory, PRIVATE);
    }
  }

  /**
   * Checks, before a command sends its environment (its token) anywhere, that the directory is this
   * user's and private to it, as {@link #secure} leaves it.
   *
   * @return the user, whom the daemon at the other end must run as
   * @throws IOException if it is not so
   */
  UserPrincipal checkPrivate() throws IOException {
    UserPrincipal me = owner();
    if (!Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS).equals(PRIVATE)) {
      throw new IOException(directory + " is open to other users");
    }
    return me;
  }

  /** This user, if the directory is a directory (not a link) owned by this user. */
  private UserPrincipal owner() throws IOException {
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(directory + " is not a directory");
    }
    UserPrincipal me =
        directory
            .getFileSystem()
            .getUserPrincipalLookupService()
            .lookupPrincipalByName(System.getProperty("user.name"));
    if (!Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).equals(me)) {
      throw new IOException(directory + " belongs to another user");
    }
    return me;
  }

  private static Optional<Path> runningJar() {
    try {
      var source = DaemonPlace.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return Optional.empty();
      }
      Path path = Path.of(source.getLocation().toURI()).toAbsolutePath();
      return Files.isRegularFile(path) && path.toString().endsWith(".jar")
          ? Optional.of(path)
          : Optional.empty();
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return Optional.empty();
    }
  }

  /**
   * A 64-bit FNV-1a hash of the jar's path, size and time: it names builds, it guards nothing (the
   * directory's permissions do), and a cryptographic digest would load the security providers into
   * every command line.
   */
  private static Optional<String> identity(Path jar) {
    try {
      String key = jar + "\n" + Files.size(jar) + "\n" + Files.getLastModifiedTime(jar).toMillis();
      long hash = 0xcbf29ce484222325L;
      for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
        hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
      }
      return Optional.of(String.format("%016x", hash));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
