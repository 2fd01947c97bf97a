package org.acai.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The global admin token's first-start handover: generated once, only its hash stored, the token
 * itself written to a 0600 file in the data directory (as Jenkins hands out its first password).
 */
public final class AdminToken {
  /** File name of the admin token inside the server's home directory. */
  public static final String FILE_NAME = "admin-token";

  private AdminToken() {}

  /**
   * Creates the admin token if the database has none (or {@code reset} asks for a new one).
   *
   * @return the file the new token was written to; empty if an existing token was kept
   */
  public static Optional<Path> ensure(CredentialService credentials, Path home, boolean reset) {
    String token = Tokens.generate();
    Path file = home.resolve(FILE_NAME);
    Path pending = home.resolve(FILE_NAME + ".new");
    try {
      // Written before the hash is stored, so a failed write can never leave an unknown token.
      Files.deleteIfExists(pending);
      Files.createFile(
          pending,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(pending, token + "\n", StandardCharsets.UTF_8);
      if (!credentials.initAdminHash(Tokens.hash(token), reset)) {
        Files.delete(pending);
        return Optional.empty();
      }
      Files.move(
          pending, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the admin token to " + file, e);
    }
    return Optional.of(file);
  }
}
