package org.acai.server.storage;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.PayloadTooLargeException;
import org.acai.api.storage.BatchFormat;

/** Reads the entries of a batch upload stream (see {@link BatchFormat}), checking limits. */
final class BatchFrameReader {
  private final DataInputStream in;
  private final long maxFileSize;

  /** One entry's header; its bytes follow in the stream. */
  record Header(String name, long size, String sha256) {}

  BatchFrameReader(DataInputStream in, long maxFileSize) {
    this.in = in;
    this.maxFileSize = maxFileSize;
  }

  /** Checks the magic that opens an upload stream. */
  void start() throws IOException {
    byte[] magic = new byte[BatchFormat.UPLOAD_MAGIC.length];
    try {
      in.readFully(magic);
    } catch (EOFException e) {
      throw new InvalidRequestException("Invalid batch: the stream is empty or truncated");
    }
    if (!Arrays.equals(magic, BatchFormat.UPLOAD_MAGIC)) {
      throw new InvalidRequestException(
          "Invalid batch: expected a %s stream",
          new String(BatchFormat.UPLOAD_MAGIC, StandardCharsets.US_ASCII));
    }
  }

  /** The next entry's header, or empty at the end of the stream. */
  Optional<Header> next() throws IOException {
    try {
      int tag = in.readUnsignedByte();
      if (tag == BatchFormat.END) {
        if (in.read() >= 0) {
          throw new InvalidRequestException("Invalid batch: bytes after the end of the stream");
        }
        return Optional.empty();
      }
      if (tag != BatchFormat.FILE) {
        throw new InvalidRequestException("Invalid batch: unknown entry tag %d", tag);
      }
      byte[] name = new byte[in.readUnsignedShort()];
      in.readFully(name);
      long size = in.readLong();
      if (size < 0) {
        throw new InvalidRequestException("Invalid batch: negative size %d", size);
      }
      if (size > maxFileSize) {
        throw new PayloadTooLargeException(
            "Invalid batch: a file of %d bytes, at most %d per file in a batch (use an upload"
                + " session)",
            size, maxFileSize);
      }
      byte[] digest = new byte[32];
      in.readFully(digest);
      return Optional.of(
          new Header(
              new String(name, StandardCharsets.UTF_8), size, HexFormat.of().formatHex(digest)));
    } catch (EOFException e) {
      throw new InvalidRequestException("Invalid batch: the stream is truncated");
    }
  }

  /** Reads one entry's bytes whole (entries are small). */
  byte[] body(Header header) throws IOException {
    byte[] bytes = new byte[(int) header.size()];
    try {
      in.readFully(bytes);
    } catch (EOFException e) {
      throw new InvalidRequestException(
          "Invalid batch: the bytes of %s are truncated", header.name());
    }
    return bytes;
  }
}
