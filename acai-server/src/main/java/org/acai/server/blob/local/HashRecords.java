package org.acai.server.blob.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import org.acai.server.home.FileModes;

/** Hash records kept as a user extended attribute of the staged file itself. */
final class HashRecords {
  private static final String NAME = "acai.sha256";
  private static final int MAX_RECORD = 512;

  private HashRecords() {}

  /** Whether the file system under {@code probe}'s folder keeps user extended attributes. */
  static boolean supported(Path probe) throws IOException {
    Files.deleteIfExists(probe);
    Files.createFile(probe, FileModes.privateFile());
    try {
      write(probe, "probe");
      return "probe".equals(read(probe));
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  static void write(Path file, String record) throws IOException {
    view(file).write(NAME, ByteBuffer.wrap(record.getBytes(StandardCharsets.US_ASCII)));
  }

  /** The record, or null if the file has none. */
  static String read(Path file) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(MAX_RECORD);
    try {
      view(file).read(NAME, buffer);
    } catch (FileSystemException e) {
      // No such attribute (ENODATA), or one too long to be ours.
      return null;
    }
    buffer.flip();
    return StandardCharsets.US_ASCII.decode(buffer).toString();
  }

  private static UserDefinedFileAttributeView view(Path file) {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
    if (view == null) {
      throw new UnsupportedOperationException("No user-defined file attributes");
    }
    return view;
  }
}
