package org.acai.sdk.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The data of an HTTP/1.1 chunked body, as far as it arrived. */
final class ChunkedBody {
  private ChunkedBody() {}

  /**
   * Joins the chunks of {@code raw} (each a hex size line, then that many bytes and CRLF), up to
   * the last chunk, the end of {@code raw} or {@code max} bytes, whichever comes first.
   *
   * @throws IOException if a size line is not hexadecimal
   */
  static byte[] decode(byte[] raw, int max) throws IOException {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    int at = 0;
    while (at < raw.length && data.size() < max) {
      int lineEnd = indexOfCrlf(raw, at);
      if (lineEnd < 0) {
        break;
      }
      String line = new String(raw, at, lineEnd - at, StandardCharsets.ISO_8859_1);
      int extension = line.indexOf(';');
      String hex = (extension < 0 ? line : line.substring(0, extension)).trim();
      int size;
      try {
        size = Integer.parseInt(hex, 16);
      } catch (NumberFormatException e) {
        throw new IOException("Bad chunk size: " + line, e);
      }
      if (size <= 0) {
        break;
      }
      int start = lineEnd + 2;
      int n = Math.min(Math.min(size, raw.length - start), max - data.size());
      data.write(raw, start, Math.max(n, 0));
      at = start + size + 2;
    }
    return data.toByteArray();
  }

  private static int indexOfCrlf(byte[] raw, int from) {
    for (int i = from; i + 1 < raw.length; i++) {
      if (raw[i] == '\r' && raw[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
