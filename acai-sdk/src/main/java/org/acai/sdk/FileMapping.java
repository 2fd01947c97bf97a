package org.acai.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.acai.api.error.InvalidRequestException;
import org.acai.sdk.transfer.FilePair;

/** Maps local files and directories to remote paths, keeping the relative layout. */
final class FileMapping {
  private FileMapping() {}

  /**
   * A trailing {@code /} on the remote path (decided by the string, not the disk) means a
   * directory: files go under it by name, directories' contents by their relative paths.
   */
  static void map(
      List<String> localPaths, String remotePath, List<FilePair> mapped, List<String> ignored) {
    boolean remoteIsDir = remotePath.endsWith("/");
    if (!remoteIsDir && (localPaths.size() != 1 || Files.isDirectory(Path.of(localPaths.get(0))))) {
      throw new InvalidRequestException(
          "Invalid remote path: %s (end it with / to upload several files or a directory)",
          remotePath);
    }
    for (String local : localPaths) {
      Path path = Path.of(local);
      if (Files.isDirectory(path)) {
        walk(path, remotePath, mapped, ignored);
      } else if (readable(path)) {
        mapped.add(new FilePair(local, remoteIsDir ? remotePath + path.getFileName() : remotePath));
      } else {
        ignored.add(local);
      }
    }
  }

  private static void walk(
      Path dir, String remoteDir, List<FilePair> mapped, List<String> ignored) {
    List<Path> entries;
    try (Stream<Path> files = Files.walk(dir)) {
      entries = files.filter(path -> !Files.isDirectory(path)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
    for (Path file : entries) {
      if (readable(file)) {
        String relative = dir.relativize(file).toString().replace('\\', '/');
        mapped.add(new FilePair(file.toString(), remoteDir + relative));
      } else {
        ignored.add(file.toString());
      }
    }
  }

  private static boolean readable(Path path) {
    return Files.isRegularFile(path)
        && Files.isReadable(path)
        && Files.exists(path, LinkOption.NOFOLLOW_LINKS);
  }

  static List<FilePair> pairs(Iterable<? extends java.util.Map.Entry<String, String>> entries) {
    List<FilePair> pairs = new ArrayList<>();
    entries.forEach(entry -> pairs.add(new FilePair(entry.getKey(), entry.getValue())));
    return pairs;
  }
}
