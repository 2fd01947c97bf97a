package org.acai.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;

/** Maps local files and directories to remote paths, keeping the relative layout. */
final class FileMapping {
  private FileMapping() {}

  /**
   * A trailing {@code /} on the remote path (decided by the string, not the disk) means a
   * directory: files go under it by name, directories' contents by their paths relative to the
   * directory. Anything that cannot be read as a regular file is reported in {@code ignored}. The
   * size the walk saw of each regular file in a directory goes into {@code sizes}, by local path.
   */
  static void map(
      List<String> localPaths,
      String remotePath,
      List<FilePair> mapped,
      List<String> ignored,
      Map<String, Long> sizes) {
    boolean remoteIsDir = remotePath.endsWith("/");
    if (!remoteIsDir && (localPaths.size() != 1 || Files.isDirectory(Path.of(localPaths.get(0))))) {
      throw new InvalidRequestException(
          "Invalid remote path: %s (end it with / to upload several files or a directory)",
          remotePath);
    }
    for (String local : localPaths) {
      Path path = Path.of(local);
      if (Files.isDirectory(path)) {
        walk(path, remotePath, mapped, ignored, sizes);
      } else if (isReadableFile(path)) {
        mapped.add(new FilePair(local, remoteIsDir ? remotePath + path.getFileName() : remotePath));
      } else {
        ignored.add(local);
      }
    }
  }

  static List<FilePair> pairs(Map<String, String> localToRemote) {
    List<FilePair> pairs = new ArrayList<>();
    localToRemote.forEach((local, remote) -> pairs.add(new FilePair(local, remote)));
    return pairs;
  }

  private static void walk(
      Path dir,
      String remoteDir,
      List<FilePair> mapped,
      List<String> ignored,
      Map<String, Long> sizes) {
    List<Path> files = new ArrayList<>();
    List<Path> unreadable = new ArrayList<>();
    try {
      Files.walkFileTree(
          dir,
          EnumSet.noneOf(FileVisitOption.class),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
              // Symbolic links count when they lead to a readable regular file.
              boolean ok =
                  attributes.isRegularFile()
                      ? Files.isReadable(file)
                      : attributes.isSymbolicLink() && isReadableFile(file);
              (ok ? files : unreadable).add(file);
              if (ok && attributes.isRegularFile()) {
                // The upload plans its batches by size: no second stat of every file.
                sizes.put(file.toString(), attributes.size());
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              unreadable.add(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) {
              if (e != null) {
                unreadable.add(directory);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir, e);
    }
    // Each relative name computed once: a sort computing it per comparison spent most of the
    // client's time before a 10,000-file upload.
    List<Map.Entry<String, Path>> named = new ArrayList<>(files.size());
    files.forEach(file -> named.add(Map.entry(relative(dir, file), file)));
    named.sort(Map.Entry.comparingByKey());
    for (Map.Entry<String, Path> entry : named) {
      mapped.add(new FilePair(entry.getValue().toString(), remoteDir + entry.getKey()));
    }
    unreadable.stream().map(Path::toString).sorted().forEach(ignored::add);
  }

  private static String relative(Path dir, Path file) {
    String relative = dir.relativize(file).toString();
    String separator = file.getFileSystem().getSeparator();
    return separator.equals("/") ? relative : relative.replace(separator, "/");
  }

  private static boolean isReadableFile(Path path) {
    return Files.isRegularFile(path) && Files.isReadable(path);
  }
}
