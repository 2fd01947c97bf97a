package org.acai.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.auth.CredentialChain;
import org.acai.sdk.auth.CredentialsFile;

/**
 * What a command runs with: its environment, output streams and working directory. Injected, so
 * tests run the real commands in-process with their own environment, and the resident client runs
 * each command in the directory it was typed in.
 *
 * @param env environment variables
 * @param out standard output
 * @param err standard error
 * @param cwd the directory relative local paths start from; null for this process's own
 */
public record CliContext(Map<String, String> env, PrintStream out, PrintStream err, Path cwd) {
  public CliContext {
    env = Map.copyOf(env);
    if (cwd != null && !cwd.isAbsolute()) {
      throw new IllegalArgumentException("Working directory must be absolute: " + cwd);
    }
  }

  /** A context in this process's own working directory. */
  public CliContext(Map<String, String> env, PrintStream out, PrintStream err) {
    this(env, out, err, null);
  }

  /**
   * A local path as typed, resolved against the command's working directory when that is not this
   * process's own (the path is left as typed otherwise).
   */
  public String local(String typed) {
    if (cwd == null) {
      return typed;
    }
    String resolved = cwd.resolve(typed).toString();
    // A trailing / says "a directory" to the commands; Path drops it.
    return typed.endsWith("/") && !resolved.endsWith("/") ? resolved + "/" : resolved;
  }

  /**
   * A local path as the user should see it: a path at or below one of the {@code typed} ones is
   * shown below it as typed, so a command prints the same lines wherever it runs.
   */
  public String shown(String path, List<String> typed) {
    if (cwd == null) {
      return path;
    }
    String best = null;
    String bestResolved = "";
    for (String given : typed) {
      String resolved = cwd.resolve(given).toString();
      boolean below = path.equals(resolved) || path.startsWith(resolved + "/");
      if (below && !Path.of(given).isAbsolute() && resolved.length() > bestResolved.length()) {
        best = given;
        bestResolved = resolved;
      }
    }
    return best == null ? path : Path.of(best) + path.substring(bestResolved.length());
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
