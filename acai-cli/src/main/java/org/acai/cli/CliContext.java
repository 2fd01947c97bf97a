package org.acai.cli;

import java.io.PrintStream;
import java.util.Map;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.auth.CredentialChain;
import org.acai.sdk.auth.CredentialsFile;

/**
 * What a command runs with: its environment and output streams. Injected, so tests run the real
 * commands in-process with their own environment.
 *
 * @param env environment variables
 * @param out standard output
 * @param err standard error
 */
public record CliContext(Map<String, String> env, PrintStream out, PrintStream err) {
  public CliContext {
    env = Map.copyOf(env);
  }

  /** The credentials file this environment points at. */
  public CredentialsFile credentialsFile() {
    return CredentialsFile.standard(env);
  }

  /** The credential chain of this environment (env first, then the credentials file). */
  public CredentialChain credentials() {
    return new CredentialChain(env, credentialsFile());
  }

  /**
   * A client with this environment's credentials.
   *
   * @throws org.acai.api.error.NotAuthenticatedException if none are configured
   */
  public AcaiClient client() {
    return AcaiClient.connect(credentials().resolve());
  }
}
