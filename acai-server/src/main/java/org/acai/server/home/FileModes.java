package org.acai.server.home;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * File modes for what the server keeps on disk: nothing is readable by another user. Directories
 * are created 0700, files 0600; immutable blobs become 0400. Stateless.
 */
public final class FileModes {
  /** rwx------ */
  public static final Set<PosixFilePermission> PRIVATE_DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  /** rw------- */
  public static final Set<PosixFilePermission> PRIVATE_FILE =
      PosixFilePermissions.fromString("rw-------");

  /** r-------- */
  public static final Set<PosixFilePermission> READ_ONLY_FILE =
      PosixFilePermissions.fromString("r--------");

  private static final Set<PosixFilePermission> GROUP_AND_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  private FileModes() {}

  /** The attribute that creates a directory 0700. */
  public static FileAttribute<Set<PosixFilePermission>> privateDirectory() {
    return PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY);
  }

  /** The attribute that creates a file 0600. */
  public static FileAttribute<Set<PosixFilePermission>> privateFile() {
    return PosixFilePermissions.asFileAttribute(PRIVATE_FILE);
  }

  /**
   * Creates a directory and its missing parents 0700; an existing directory is made 0700 too (its
   * parents are left alone: they may be the user's).
   */
  public static Path createPrivateDirectories(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      Path parent = directory.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        createPrivateDirectories(parent);
      }
      try {
        Files.createDirectory(directory, privateDirectory());
      } catch (java.nio.file.FileAlreadyExistsException e) {
        // created concurrently: fall through and fix its mode
      }
    }
    Files.setPosixFilePermissions(directory, PRIVATE_DIRECTORY);
    return directory;
  }

  /** Removes every group and other permission of one file or directory (not following links). */
  public static void restrict(Path path) throws IOException {
    Set<PosixFilePermission> current =
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
    if (current.stream().anyMatch(GROUP_AND_OTHERS::contains)) {
      Set<PosixFilePermission> owner = EnumSet.noneOf(PosixFilePermission.class);
      owner.addAll(current);
      owner.removeAll(GROUP_AND_OTHERS);
      Files.setPosixFilePermissions(path, owner);
    }
  }

  /**
   * Removes group and other permissions from everything under {@code root}, {@code root} included,
   * without following links and without entering {@code skip} (which may be null).
   */
  public static void restrictTree(Path root, Path skip) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (dir.equals(skip)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            restrict(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (!attrs.isSymbolicLink()) {
              restrict(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /** Deletes a directory tree, not following links. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
