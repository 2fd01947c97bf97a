package org.acai.server.job.exec.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading cgroup interface files, which vanish with their cgroup at any moment. */
final class CgroupFiles {
  private CgroupFiles() {}

  /** The file's non-blank lines; none when it is gone or unreadable. */
  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.ISO_8859_1).stream()
          .filter(line -> !line.isBlank())
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
