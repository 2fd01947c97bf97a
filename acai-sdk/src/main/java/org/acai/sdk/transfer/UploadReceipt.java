package org.acai.sdk.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.acai.api.json.WireJson;

/**
 * The server's answer to a PUT on its own data route: the size, SHA-256 and CRC32C of the bytes
 * that landed. The sender compares the size and the CRC32C (which it takes while sending, at about
 * 3 % of a SHA-256's cost) with its own, and declares the receipt's SHA-256 at the session's
 * finish, so the commit takes exactly the bytes it checked: a file is hashed with SHA-256 once, by
 * the server, not twice.
 */
final class UploadReceipt {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private UploadReceipt() {}

  /**
   * Checks a receipt against what was sent.
   *
   * @param answer the PUT's 2xx answer
   * @return the SHA-256 to declare for the file, or null for an empty receipt (the session was
   *     committed before these bytes came, so nothing of them is committed)
   * @throws TransientFailure if what landed is not what was sent (the PUT is retried), or the
   *     answer is no receipt
   */
  static String check(byte[] answer, Path file, long size, long crc32c) {
    JsonNode receipt;
    try {
      receipt = WireJson.mapper().readTree(answer);
    } catch (IOException e) {
      throw new TransientFailure("the answer to the upload of " + file + " is not a receipt");
    }
    if (receipt == null || !receipt.isObject()) {
      throw new TransientFailure("the answer to the upload of " + file + " is not a receipt");
    }
    if (receipt.isEmpty()) {
      return null;
    }
    String sha256 = receipt.path("sha256").asText("");
    String landedCrc = receipt.path("crc32c").asText("");
    if (!receipt.path("size").canConvertToLong()
        || !SHA256.matcher(sha256).matches()
        || !Crc32c.isHex(landedCrc)) {
      throw new TransientFailure("the receipt for " + file + " is incomplete: " + receipt);
    }
    long landed = receipt.path("size").asLong();
    String sent = Crc32c.hex(crc32c);
    if (landed != size || !landedCrc.equals(sent)) {
      throw new TransientFailure(
          String.format(
              Locale.ROOT,
              "the server received %d bytes with CRC32C %s for %s, which sent %d with %s",
              landed,
              landedCrc,
              file,
              size,
              sent));
    }
    return sha256;
  }
}
