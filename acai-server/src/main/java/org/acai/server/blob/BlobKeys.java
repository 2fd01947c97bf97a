package org.acai.server.blob;

import java.util.Locale;
import java.util.regex.Pattern;
import org.acai.api.error.InvalidRequestException;

/** Validation shared by every {@link BlobStore}: staging keys and SHA-256 strings. */
public final class BlobKeys {
  /** Longest staging key; keeps a flattened key within one file-name component everywhere. */
  public static final int MAX_STAGING_KEY_LENGTH = 200;

  private static final Pattern STAGING_KEY = Pattern.compile("[A-Za-z0-9_./-]+");

  private BlobKeys() {}

  /**
   * Checks a staging key: a relative path of {@code [A-Za-z0-9_./-]}, at most {@value
   * #MAX_STAGING_KEY_LENGTH} characters, with no empty or {@code .} segment and no {@code ..}.
   *
   * @return the key
   * @throws InvalidRequestException if the key is invalid
   */
  public static String checkStagingKey(String key) {
    if (key == null
        || key.length() > MAX_STAGING_KEY_LENGTH
        || !STAGING_KEY.matcher(key).matches()
        || key.contains("..")
        || key.startsWith("/")
        || key.endsWith("/")
        || key.contains("//")
        || key.equals(".")
        || key.startsWith("./")
        || key.contains("/./")
        || key.endsWith("/.")) {
      throw new InvalidRequestException("Invalid staging key: %s", key);
    }
    return key;
  }

  /** Whether {@code value} is a lower-case hex SHA-256. */
  public static boolean isSha256(String value) {
    return isLowerHex(value, 64);
  }

  /** Whether {@code value} is a CRC32C as stores give it: 8 lower-case hex digits. */
  public static boolean isCrc32c(String value) {
    return isLowerHex(value, 8);
  }

  /** Whether {@code value} is {@code length} lower-case hex digits (checked per key, per file). */
  private static boolean isLowerHex(String value, int length) {
    if (value == null || value.length() != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Normalizes a SHA-256 announced by a client to lower case.
   *
   * @return the lower-case hex string, or null for null
   * @throws InvalidRequestException if it is not 64 hex digits
   */
  public static String checkExpectedSha256(String value) {
    if (value == null) {
      return null;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (!isSha256(lower)) {
      throw new InvalidRequestException("Invalid SHA-256: %s", value);
    }
    return lower;
  }
}
