package org.acai.sdk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.acai.api.error.ConflictException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.storage.FileSetDownload;
import org.acai.sdk.transfer.DownloadTask;

/**
 * Where each member of a file set lands under a mount point, checked as a whole before anything is
 * written: no target may leave the mount point (by {@code ..}, an absolute path or a symbolic link
 * on the way), none may be a folder, and without {@link ExistingFiles#REPLACE} none may exist.
 */
final class MountPlan {
  private final List<DownloadTask> tasks;

  private MountPlan(List<DownloadTask> tasks) {
    this.tasks = tasks;
  }

  static MountPlan of(FileSetDownload download, Path mountPoint, ExistingFiles existingFiles) {
    Path root = realDirectory(download.id(), mountPoint);
    List<DownloadTask> tasks = new ArrayList<>();
    List<Path> existing = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    Set<Path> folders = new HashSet<>();
    FolderListings listings = new FolderListings();
    for (FileSetDownload.Entry entry : download.files()) {
      Path target = target(download.id(), root, entry.path(), folders);
      if (!seen.add(target)) {
        throw new InvalidRequestException(
            "Cannot download %s: %s appears twice", download.id(), entry.path());
      }
      if (listings.exists(target)) {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          throw new ConflictException("Cannot download %s: %s is a folder", download.id(), target);
        }
        existing.add(target);
      }
      tasks.add(new DownloadTask(entry.url(), target, entry.size(), entry.sha256()));
    }
    if (existingFiles == ExistingFiles.REFUSE && !existing.isEmpty()) {
      throw new ConflictException(
          "Cannot download %s: %d file(s) exist, e.g. %s (use force to replace them)",
          download.id(), existing.size(), existing.get(0));
    }
    return new MountPlan(tasks);
  }

  /** Creates the folders inside the mount point; returns what to fetch. */
  List<DownloadTask> prepare() {
    Set<Path> made = new HashSet<>();
    for (DownloadTask task : tasks) {
      try {
        if (made.add(task.target().getParent())) {
          Files.createDirectories(task.target().getParent());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create " + task.target().getParent(), e);
      }
    }
    return tasks;
  }

  private static Path realDirectory(String id, Path mountPoint) {
    if (!Files.isDirectory(mountPoint)) {
      throw new InvalidRequestException(
          "Cannot download %s: mount point %s is not a directory", id, mountPoint);
    }
    try {
      return mountPoint.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot resolve " + mountPoint, e);
    }
  }

  /**
   * Where a member lands; {@code folders} holds the folders already checked on the way of earlier
   * members.
   */
  private static Path target(String id, Path root, String remotePath, Set<Path> folders) {
    String relative = remotePath.replaceFirst("^/+", "");
    Path target = root.resolve(relative).normalize();
    boolean dotted = List.of(relative.split("/")).contains("..");
    if (relative.isEmpty() || dotted || !target.startsWith(root) || target.equals(root)) {
      throw new InvalidRequestException(
          "Cannot download %s: %s would land outside %s", id, remotePath, root);
    }
    // Walk down from the mount point: an existing link or file on the way is refused.
    Path current = root;
    for (Path name : root.relativize(target.getParent())) {
      current = current.resolve(name);
      if (!folders.add(current)) {
        continue;
      }
      if (Files.isSymbolicLink(current)) {
        throw new InvalidRequestException(
            "Cannot download %s: %s is a symbolic link inside %s", id, current, root);
      }
      if (Files.exists(current) && !Files.isDirectory(current)) {
        throw new ConflictException("Cannot download %s: %s is a file, not a folder", id, current);
      }
    }
    return target;
  }
}
