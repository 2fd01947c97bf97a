package org.acai.sdk;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
    List<Map.Entry<String, Path>> named = new ArrayList<>();
    List<Path> unreadable = new ArrayList<>();
    collect(dir, "", named, unreadable, sizes);
    named.sort(Map.Entry.comparingByKey());
    for (Map.Entry<String, Path> entry : named) {
      mapped.add(new FilePair(entry.getValue().toString(), remoteDir + entry.getKey()));
    }
    unreadable.stream().map(Path::toString).sorted().forEach(ignored::add);
  }

  /**
   * Adds the files under {@code dir} by their names relative to the walk's root ({@code prefix}
   * ends with {@code /} below it), built as the walk descends. Each entry is examined relative to
   * its open directory where the platform allows ({@code fstatat}): a lookup of the whole path per
   * file was most of a 10,000-file walk, and that walk comes before the first byte is sent.
   */
  private static void collect(
      Path dir,
      String prefix,
      List<Map.Entry<String, Path>> named,
      List<Path> unreadable,
      Map<String, Long> sizes) {
    Map<Path, String> subdirectories = new LinkedHashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        BasicFileAttributes attributes = attributes(entries, entry);
        String name = prefix + entry.getFileName();
        if (attributes == null) {
          unreadable.add(entry);
        } else if (attributes.isDirectory()) {
          subdirectories.put(entry, name + "/");
        } else if (attributes.isRegularFile() && Files.isReadable(entry)) {
          named.add(Map.entry(name, entry));
          // The upload plans its batches by size: no second stat of every file.
          sizes.put(entry.toString(), attributes.size());
        } else if (attributes.isSymbolicLink() && isReadableFile(entry)) {
          // Symbolic links count when they lead to a readable regular file.
          named.add(Map.entry(name, entry));
        } else {
          unreadable.add(entry);
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      unreadable.add(dir);
    }
    subdirectories.forEach(
        (subdirectory, name) -> collect(subdirectory, name, named, unreadable, sizes));
  }

  /** An entry's own attributes (a link's, not its target's); null if they cannot be read. */
  private static BasicFileAttributes attributes(DirectoryStream<Path> entries, Path entry) {
    try {
      if (entries instanceof SecureDirectoryStream<Path> secure) {
        return secure
            .getFileAttributeView(
                entry.getFileName(), BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
            .readAttributes();
      }
      return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean isReadableFile(Path path) {
    return Files.isRegularFile(path) && Files.isReadable(path);
  }
}
