package org.acai.sdk.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.acai.api.storage.BatchFormat;

/**
 * A batch upload stream ({@link BatchFormat}) produced lazily as the HTTP client reads it: each
 * small file is read once, whole, hashed, and framed with its SHA-256 ahead of its bytes. The
 * header and the file's bytes are served from two buffers kept for the whole stream, so a file
 * costs no allocation and its bytes are copied once on their way to the caller's buffer. Not
 * thread-safe.
 */
final class UploadFrames extends InputStream {
  /**
   * Bytes per read of a file at most: the JDK reads a channel through a direct buffer of this size
   * it keeps per thread.
   */
  private static final int READ_BYTES = 64 * 1024;

  private static final int SHA256_BYTES = 32;

  private final List<Path> files;
  private final List<String> remotes;
  private final Progress progress;
  private final Progress.Attempt attempt;
  private final MessageDigest digest = Sha256.newDigest();
  private byte[] header = new byte[1024];
  private byte[] content = new byte[64 * 1024];
  private int headerLength;
  private int contentLength;
  private int position;
  private boolean inContent;
  private int next;

  UploadFrames(List<Path> files, List<String> remotes, Progress progress) {
    this.files = files;
    this.remotes = remotes;
    this.progress = progress;
    this.attempt = progress.attempt();
    byte[] magic = BatchFormat.UPLOAD_MAGIC;
    System.arraycopy(magic, 0, header, 0, magic.length);
    // The magic is served as a header with no content after it.
    headerLength = magic.length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    int done = 0;
    while (done < length) {
      int available = (inContent ? contentLength : headerLength) - position;
      if (available == 0) {
        if (inContent) {
          if (!advance()) {
            break;
          }
        } else {
          inContent = true;
          position = 0;
        }
        continue;
      }
      int n = Math.min(length - done, available);
      System.arraycopy(inContent ? content : header, position, bytes, offset + done, n);
      position += n;
      done += n;
    }
    return done == 0 ? -1 : done;
  }

  /** Frames the next file (or the end); false once everything was read. */
  private boolean advance() throws IOException {
    if (next > files.size()) {
      return false;
    }
    if (next == files.size()) {
      header[0] = BatchFormat.END;
      headerLength = 1;
      contentLength = 0;
    } else {
      contentLength = readWhole(files.get(next));
      byte[] name = remotes.get(next).getBytes(StandardCharsets.UTF_8);
      int length = 1 + 2 + name.length + 8 + SHA256_BYTES;
      if (header.length < length) {
        header = new byte[length];
      }
      int sizeAt = 3 + name.length;
      ByteBuffer.wrap(header)
          .put(0, (byte) BatchFormat.FILE)
          .putShort(1, (short) name.length)
          .put(3, name)
          .putLong(sizeAt, contentLength);
      digest.reset();
      digest.update(content, 0, contentLength);
      try {
        digest.digest(header, sizeAt + 8, SHA256_BYTES);
      } catch (DigestException e) {
        throw new IllegalStateException("SHA-256 needs " + SHA256_BYTES + " bytes", e);
      }
      headerLength = length;
      attempt.add(contentLength);
      progress.fileDone();
    }
    next++;
    position = 0;
    inContent = false;
    return true;
  }

  /**
   * Reads a file whole into {@link #content}, growing it as needed; returns its length. A read that
   * returns less than it asked for is the end of a regular file, so a small file costs one read.
   * The file is opened as a channel: no {@code fstat} after the {@code open}, as a {@code
   * FileInputStream} makes to refuse a directory (whose read fails here all the same).
   */
  private int readWhole(Path file) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      int length = 0;
      while (true) {
        if (length == content.length) {
          content = Arrays.copyOf(content, Math.addExact(content.length, content.length));
        }
        int asked = Math.min(READ_BYTES, content.length - length);
        int n = in.read(ByteBuffer.wrap(content, length, asked));
        if (n < 0) {
          return length;
        }
        length += n;
        if (n < asked) {
          return length;
        }
      }
    }
  }
}
