package org.acai.server.job.exec.local;

import java.util.Locale;
import org.acai.api.error.InvalidRequestException;

/**
 * How much sandboxing to use. Set with the system property {@code acai.sandbox} or the environment
 * variable {@code ACAI_SANDBOX} ({@code auto} or {@code none}).
 */
public enum SandboxMode {
  /** Use whatever the machine offers: bubblewrap if it works, cgroups if writable, else rlimits. */
  AUTO,
  /** A plain process with rlimits and the timeout only, as on a machine with neither. */
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
    String value = System.getProperty(PROPERTY, System.getenv(ENV));
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
