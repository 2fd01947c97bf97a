package org.acai.sdk.transfer;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import org.acai.api.storage.BatchFormat;

/**
 * A batch upload stream ({@link BatchFormat}) produced lazily as the HTTP client reads it: each
 * small file is read once, whole, hashed, and framed with its SHA-256 ahead of its bytes. Not
 * thread-safe.
 */
final class UploadFrames extends InputStream {
  private final List<Path> files;
  private final List<String> remotes;
  private final Progress progress;
  private final Progress.Attempt attempt;
  private final MessageDigest digest = Sha256.newDigest();
  private final ByteArrayOutputStream frame = new ByteArrayOutputStream(64 * 1024);
  private byte[] current;
  private int position;
  private int next;
  private boolean ended;

  UploadFrames(List<Path> files, List<String> remotes, Progress progress) {
    this.files = files;
    this.remotes = remotes;
    this.progress = progress;
    this.attempt = progress.attempt();
    this.current = BatchFormat.UPLOAD_MAGIC.clone();
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
      if (position == current.length && !advance()) {
        break;
      }
      int n = Math.min(length - done, current.length - position);
      System.arraycopy(current, position, bytes, offset + done, n);
      position += n;
      done += n;
    }
    return done == 0 ? -1 : done;
  }

  /** Frames the next file (or the end); false once everything was read. */
  private boolean advance() throws IOException {
    if (next > files.size() || ended) {
      return false;
    }
    frame.reset();
    DataOutputStream out = new DataOutputStream(frame);
    if (next == files.size()) {
      out.writeByte(BatchFormat.END);
      ended = true;
    } else {
      Path file = files.get(next);
      byte[] content = Files.readAllBytes(file);
      byte[] name = remotes.get(next).getBytes(StandardCharsets.UTF_8);
      digest.reset();
      out.writeByte(BatchFormat.FILE);
      out.writeShort(name.length);
      out.write(name);
      out.writeLong(content.length);
      out.write(digest.digest(content));
      out.write(content);
      attempt.add(content.length);
      progress.fileDone();
    }
    next++;
    current = frame.toByteArray();
    position = 0;
    return true;
  }
}
