package org.acai.sdk.auth;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.acai.api.error.AcaiException;

/**
 * Process-wide credentials, as in the original SDK: environment first ({@code ACAI_TOKEN}, {@code
 * ACAI_PROJECT}, {@code ACAI_ENDPOINT}), then {@code ~/.acai/credentials}. {@link #login} plays the
 * role of the original's "export the env variable": its token overrides the environment for this
 * process. Thread-safe.
 */
public final class Credentials {
  private static final Map<String, String> LOGIN = new ConcurrentHashMap<>();
  private static volatile AcaiCredentials current;

  private Credentials() {}

  /** Logs in with a token for the rest of this process and reloads the credentials. */
  public static void login(String token) {
    LOGIN.put("ACAI_TOKEN", token);
    refresh();
  }

  /** Logs in with a token and project name for the rest of this process. */
  public static void login(String token, String project) {
    LOGIN.put("ACAI_PROJECT", project);
    login(token);
  }

  /**
   * Logs in to the server at {@code endpoint} with a token and project for the rest of this
   * process, e.g. a server started in-process on a random port.
   */
  public static void login(URI endpoint, String token, String project) {
    LOGIN.put("ACAI_ENDPOINT", endpoint.toString());
    login(token, project);
  }

  /** Forgets a {@link #login} override; the environment and file apply again. */
  public static void logout() {
    LOGIN.clear();
    current = null;
  }

  /**
   * Reloads the credentials, e.g. after the credentials file changed; until then the ones loaded
   * first stay in force.
   */
  public static void refresh() {
    current = chain().resolve();
  }

  /**
   * The credentials in force, loading them on first use.
   *
   * @throws org.acai.api.error.NotAuthenticatedException if none are configured
   */
  public static AcaiCredentials load() {
    AcaiCredentials loaded = current;
    if (loaded == null) {
      loaded = chain().resolve();
      current = loaded;
    }
    return loaded;
  }

  /**
   * Stores a project's token in the credentials file (mode 0600) and makes it the default project.
   * The environment still wins over the file.
   */
  public static void configure(String projectName, String token) {
    CredentialsFile.standard(System.getenv()).configure(projectName, token, null);
    current = null;
  }

  /**
   * Whether a map of credentials holds a token, as the original SDK's {@code
   * has_logged_in(token_dict)}: {@code ACAI_TOKEN} (the environment's name) or {@code token} (the
   * credentials file's), not blank. Only a basic check: the token is not asked of the server.
   */
  public static boolean hasLoggedIn(Map<String, String> tokenDict) {
    if (tokenDict == null) {
      return false;
    }
    for (String key : List.of("ACAI_TOKEN", "token")) {
      String token = tokenDict.get(key);
      if (token != null && !token.isBlank()) {
        return true;
      }
    }
    return false;
  }

  /** Whether a token is configured anywhere; does not check it with the server. */
  public static boolean hasLoggedIn() {
    try {
      load();
      return true;
    } catch (AcaiException e) {
      return false;
    }
  }

  /** The chain this process uses: login overrides, then the environment, then the file. */
  public static CredentialChain chain() {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(LOGIN);
    return new CredentialChain(env, CredentialsFile.standard(env));
  }
}
