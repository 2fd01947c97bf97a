package org.acai.server.job.exec.container;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import org.acai.api.error.InvalidRequestException;

/**
 * The server's settings for job containers.
 *
 * @param network {@code ACAI_JOB_NETWORK}: {@code default} (the engine's default network for
 *     containers, e.g. Docker's bridge), {@code none}, or the name of a network of the engine
 * @param defaultImage {@code ACAI_JOB_IMAGE}: the image of jobs that name none, or null (such jobs
 *     then fail)
 * @param instance the label value that marks this server's containers: derived from its data dir,
 *     so that the next server on that dir removes what a crashed one left
 */
public record ContainerSettings(String network, String defaultImage, String instance) {
  /** Environment variable of the job network. */
  public static final String NETWORK_ENV = "ACAI_JOB_NETWORK";

  /** Environment variable of the default image. */
  public static final String IMAGE_ENV = "ACAI_JOB_IMAGE";

  /** The network value meaning the engine's default. */
  public static final String DEFAULT_NETWORK = "default";

  private static final Pattern NETWORK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  /** Checks the fields. */
  public ContainerSettings {
    if (!NETWORK_NAME.matcher(network).matches()) {
      throw new InvalidRequestException(
          "Invalid %s: %s (default, none or a network name)", NETWORK_ENV, network);
    }
    defaultImage = defaultImage == null || defaultImage.isBlank() ? null : defaultImage.trim();
  }

  /** Reads the settings of a server whose data dir is {@code home}. */
  public static ContainerSettings of(Map<String, String> env, Path home) {
    return new ContainerSettings(
        env.getOrDefault(NETWORK_ENV, DEFAULT_NETWORK).trim(),
        env.get(IMAGE_ENV),
        instanceOf(home));
  }

  /** A short stable id of a data dir. */
  static String instanceOf(Path home) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  home.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** The network mode to give the engine, or null for its default. */
  String networkMode() {
    return network.equals(DEFAULT_NETWORK) ? null : network;
  }
}
