package org.acai.sdk.auth;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.acai.api.error.NotAuthenticatedException;

/**
 * Finds credentials the way the original SDK did, environment first: {@code ACAI_TOKEN} and {@code
 * ACAI_PROJECT}, then the credentials file. {@code ACAI_ENDPOINT} (or the file's {@code endpoint})
 * selects the server, default {@value #DEFAULT_ENDPOINT}. When nothing yields a token, the error
 * lists what each source said.
 */
public final class CredentialChain {
  /** The server assumed when none is configured. */
  public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:8080";

  private final Map<String, String> env;
  private final CredentialsFile file;

  /** A chain over an environment and a credentials file. */
  public CredentialChain(Map<String, String> env, CredentialsFile file) {
    this.env = Map.copyOf(env);
    this.file = file;
  }

  /** The server endpoint, whether or not a token is configured. */
  public URI endpoint() {
    return URI.create(
        nonBlank(env.get("ACAI_ENDPOINT")).or(file::endpoint).orElse(DEFAULT_ENDPOINT));
  }

  /**
   * Resolves the credentials.
   *
   * @throws NotAuthenticatedException if no source has a token
   */
  public AcaiCredentials resolve() {
    List<String> tried = new ArrayList<>();
    Optional<String> envToken = nonBlank(env.get("ACAI_TOKEN"));
    Optional<String> project = nonBlank(env.get("ACAI_PROJECT")).or(file::defaultProject);
    if (envToken.isPresent()) {
      return new AcaiCredentials(
          endpoint(), project.orElse(null), envToken.get(), "environment (ACAI_TOKEN)");
    }
    tried.add("environment: ACAI_TOKEN is not set");
    if (project.isEmpty()) {
      tried.add(
          "credentials file "
              + file.path()
              + ": no project (ACAI_PROJECT or [default] project_name)");
    } else {
      Optional<String> fileToken = file.token(project.get());
      if (fileToken.isPresent()) {
        return new AcaiCredentials(
            endpoint(), project.get(), fileToken.get(), "credentials file " + file.path());
      }
      tried.add("credentials file " + file.path() + ": no token for project " + project.get());
    }
    throw new NotAuthenticatedException(
        "Not logged in: %s. Run 'acai configure' or set ACAI_TOKEN", String.join("; ", tried));
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
