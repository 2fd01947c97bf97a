package org.acai.server.job.exec.local;

import java.util.Locale;
import org.acai.api.error.InvalidRequestException;

/**
 * How much sandboxing to use. Set with the system property {@code acai.sandbox} or the environment
 * variable {@code ACAI_SANDBOX} ({@code auto} or {@code none}).
 */
public enum SandboxMode {
  /**
   * Isolate every job with whatever the machine offers (bubblewrap; cgroups if writable, else
   * rlimits); refuse jobs where no isolation works.
   */
  AUTO,
  /** No isolation, as the operator chose: a plain process with rlimits and the timeout only. */
  NONE;

  /** System property naming the mode. */
  public static final String PROPERTY = "acai.sandbox";

  /** Environment variable naming the mode, read when the property is not set. */
  public static final String ENV = "ACAI_SANDBOX";

  /**
   * The mode configured for this process, {@link #AUTO} if none is.
   *
   * @throws InvalidRequestException if the setting names no mode
   */
  public static SandboxMode fromEnvironment() {
    return of(System.getenv());
  }

  /**
   * The mode the system property, else the given settings, name; {@link #AUTO} if none does.
   *
   * @throws InvalidRequestException if the setting names no mode
   */
  public static SandboxMode of(java.util.Map<String, String> env) {
    String value = System.getProperty(PROPERTY, env.get(ENV));
    if (value == null || value.isBlank()) {
      return AUTO;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "auto":
        return AUTO;
      case "none":
        return NONE;
      default:
        throw new InvalidRequestException("Invalid sandbox mode: %s (auto or none)", value);
    }
  }
}
