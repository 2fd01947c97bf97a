package org.acai.server.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.acai.server.home.FileModes;

/**
 * Who may connect to the embedded PostgreSQL: only with the superuser's password, checked with
 * SCRAM-SHA-256 on every kind of connection. The password is generated at the first start and kept
 * in a 0600 file; {@code pg_hba.conf} names no other method, never {@code trust}.
 */
final class PgAccess {
  private static final String HBA =
      """
      # Written by the ACAI server at every start: every connection needs the superuser's
      # password (SCRAM-SHA-256), kept in the server's pg-password file. Edits are overwritten.
      # TYPE  DATABASE     USER  ADDRESS       METHOD
      local   all          all                 scram-sha-256
      host    all          all   127.0.0.1/32  scram-sha-256
      host    all          all   ::1/128       scram-sha-256
      local   replication  all                 scram-sha-256
      host    replication  all   127.0.0.1/32  scram-sha-256
      host    replication  all   ::1/128       scram-sha-256
      """;

  private PgAccess() {}

  /** The password in {@code file}, if the file exists. */
  static Optional<String> readPassword(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    FileModes.restrict(file);
    String password = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (password.isEmpty()) {
      throw new IOException("Invalid password file (empty): " + file);
    }
    return Optional.of(password);
  }

  /** Generates a password (256 random bits) and writes it to {@code file}, mode 0600. */
  static String createPassword(Path file) throws IOException {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Path partial = file.resolveSibling(file.getFileName() + ".new");
    Files.deleteIfExists(partial);
    Files.writeString(
        Files.createFile(partial, FileModes.privateFile()), password, StandardCharsets.UTF_8);
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return password;
  }

  /** Whether {@code pg_hba.conf} in {@code dataDir} is exactly the password-only one. */
  static boolean hbaIsCurrent(Path dataDir) throws IOException {
    Path hba = dataDir.resolve("pg_hba.conf");
    return Files.exists(hba) && HBA.equals(Files.readString(hba, StandardCharsets.UTF_8));
  }

  /** Replaces {@code pg_hba.conf} with password-only rules. */
  static void writeHba(Path dataDir) throws IOException {
    Path hba = dataDir.resolve("pg_hba.conf");
    Path partial = dataDir.resolve("pg_hba.conf.new");
    Files.deleteIfExists(partial);
    Files.writeString(Files.createFile(partial, FileModes.privateFile()), HBA);
    Files.move(partial, hba, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
