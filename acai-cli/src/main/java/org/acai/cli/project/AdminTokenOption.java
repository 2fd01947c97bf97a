package org.acai.cli.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.acai.cli.CliContext;
import org.acai.cli.UserError;
import org.acai.sdk.AcaiClient;
import picocli.CommandLine.Option;

/**
 * Where an admin token comes from: an option, a file (e.g. the server's admin-token), or the env.
 */
public final class AdminTokenOption {
  @Option(names = "--admin-token", description = "Admin token (or set ACAI_ADMIN_TOKEN).")
  String token;

  @Option(
      names = "--admin-token-file",
      description = "File holding the admin token, e.g. ~/.acai/server/admin-token.")
  Path file;

  /**
   * The token from the option, the file, or {@code ACAI_ADMIN_TOKEN}.
   *
   * @throws IOException if the file cannot be read
   */
  public Optional<String> resolve(CliContext context) throws IOException {
    if (token != null && !token.isBlank()) {
      return Optional.of(token.strip());
    }
    if (file != null) {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
    }
    String env = context.env().get("ACAI_ADMIN_TOKEN");
    return env == null || env.isBlank() ? Optional.empty() : Optional.of(env.strip());
  }

  /**
   * A client of the configured server acting with the admin token.
   *
   * @throws UserError if no token is given
   * @throws IOException if the token file cannot be read
   */
  public AcaiClient connect(CliContext context) throws IOException {
    String admin =
        resolve(context)
            .orElseThrow(
                () ->
                    new UserError(
                        "Missing admin token: --admin-token, --admin-token-file or"
                            + " ACAI_ADMIN_TOKEN"));
    return AcaiClient.connect(context.credentials().endpoint(), admin);
  }
}
