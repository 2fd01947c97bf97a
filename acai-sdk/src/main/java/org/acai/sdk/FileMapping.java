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
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;
import org.acai.api.error.InvalidRequestException;

/** Maps local files and directories to remote paths, keeping the relative layout. */
final class FileMapping {
  private static final Set<PosixFilePermission> EVERYONE_READS =
      EnumSet.of(
          PosixFilePermission.OWNER_READ,
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.OTHERS_READ);

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
    Found found;
    ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    try {
      found = pool.invoke(new DirectoryWalk(dir, ""));
    } finally {
      pool.shutdown();
    }
    found.named.sort(Comparator.comparing(Named::name));
    for (Named file : found.named) {
      String local = file.path().toString();
      mapped.add(new FilePair(local, remoteDir + file.name()));
      if (file.size() >= 0) {
        // The upload plans its batches by size: no second stat of every file.
        sizes.put(local, file.size());
      }
    }
    found.unreadable.stream().map(Path::toString).sorted().forEach(ignored::add);
  }

  /** A file the walk found: its name relative to the root, its path, its size (-1: unknown). */
  private record Named(String name, Path path, long size) {}

  /** What a walk found. */
  private static final class Found {
    final List<Named> named = new ArrayList<>();
    final List<Path> unreadable = new ArrayList<>();

    void add(Found other) {
      named.addAll(other.named);
      unreadable.addAll(other.unreadable);
    }
  }

  /**
   * The walk of one directory: its entries, then its subdirectories' walks side by side (the walk
   * is system calls, and it runs before the first byte is sent, while the server waits). Files are
   * named relative to the walk's root ({@code prefix} ends with {@code /} below it), built as the
   * walk descends. Each entry is examined relative to its open directory where the platform allows
   * ({@code fstatat}): a lookup of the whole path per file was most of a 10,000-file walk.
   */
  private static final class DirectoryWalk extends RecursiveTask<Found> {
    private static final long serialVersionUID = 1L;

    private final transient Path dir;
    private final String prefix;

    DirectoryWalk(Path dir, String prefix) {
      this.dir = dir;
      this.prefix = prefix;
    }

    @Override
    protected Found compute() {
      Found found = new Found();
      List<DirectoryWalk> below = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path entry : entries) {
          BasicFileAttributes attributes = attributes(entries, entry);
          String name = prefix + entry.getFileName();
          if (attributes == null) {
            found.unreadable.add(entry);
          } else if (attributes.isDirectory()) {
            below.add(new DirectoryWalk(entry, name + "/"));
          } else if (attributes.isRegularFile() && readable(entry, attributes)) {
            found.named.add(new Named(name, entry, attributes.size()));
          } else if (attributes.isSymbolicLink() && isReadableFile(entry)) {
            // Symbolic links count when they lead to a readable regular file.
            found.named.add(new Named(name, entry, -1));
          } else {
            found.unreadable.add(entry);
          }
        }
      } catch (IOException | DirectoryIteratorException e) {
        found.unreadable.add(dir);
      }
      invokeAll(below);
      below.forEach(walk -> found.add(walk.join()));
      return found;
    }
  }

  /**
   * An entry's own attributes (a link's, not its target's), with its owner and mode where the
   * platform tells them in the same call; null if they cannot be read.
   */
  private static BasicFileAttributes attributes(DirectoryStream<Path> entries, Path entry) {
    try {
      if (entries instanceof SecureDirectoryStream<Path> secure) {
        PosixFileAttributeView posix =
            secure.getFileAttributeView(
                entry.getFileName(), PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (posix != null) {
          return posix.readAttributes();
        }
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

  /**
   * Whether this process may read a regular file. A mode that lets owner, group and others read
   * answers for anyone (ACLs aside) without asking the system ({@code access(2)}: one path lookup
   * more per file, as costly as the walk's own); any other mode is asked.
   */
  private static boolean readable(Path file, BasicFileAttributes attributes) {
    if (attributes instanceof PosixFileAttributes posix
        && posix.permissions().containsAll(EVERYONE_READS)) {
      return true;
    }
    return Files.isReadable(file);
  }

  private static boolean isReadableFile(Path path) {
    return Files.isRegularFile(path) && Files.isReadable(path);
  }
}
