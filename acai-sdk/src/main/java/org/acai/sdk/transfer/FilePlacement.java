package org.acai.sdk.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Puts one downloaded file in place. A new file is written in place, as cp writes it (a temporary
 * file and a rename cost the file system about half as much again per small file); one that exists
 * already is replaced whole through a temporary file. Either way a file whose writing fails (or
 * whose bytes turn out wrong) is removed.
 */
final class FilePlacement {
  private FilePlacement() {}

  /** Writes a file's bytes; may throw to have the file removed. */
  @FunctionalInterface
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code target} through {@code body}; an existing file is replaced through a sibling
   * named after {@code temporary}.
   */
  static void place(Path target, String temporary, Body body) throws IOException {
    Path written = target;
    OutputStream opened;
    try {
      opened =
          Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      written = target.resolveSibling("." + target.getFileName() + temporary + ".part");
      opened = Files.newOutputStream(written);
    }
    boolean placed = false;
    try {
      try (OutputStream out = opened) {
        body.writeTo(out);
      }
      if (!written.equals(target)) {
        Files.move(
            written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      placed = true;
    } finally {
      if (!placed) {
        Files.deleteIfExists(written);
      }
    }
  }
}
