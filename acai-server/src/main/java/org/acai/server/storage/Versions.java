package org.acai.server.storage;

import org.acai.api.error.InvalidRequestException;

/** Version numbers in {@code name:N} references. */
public final class Versions {
  private Versions() {}

  /**
   * Parses the {@code N} of a reference.
   *
   * @throws InvalidRequestException unless it is an integer ≥ 1
   */
  public static int parse(String reference, String digits) {
    if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(Character::isDigit)) {
      throw new InvalidRequestException(
          "Invalid version in %s: expected an integer >= 1 after ':'",
          StoragePath.printable(reference));
    }
    int version = Integer.parseInt(digits);
    if (version < 1) {
      throw new InvalidRequestException(
          "Invalid version in %s: versions start at 1", StoragePath.printable(reference));
    }
    return version;
  }
}
