package org.acai.cli.daemon;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * Whether the sources of the checkout a jar was built in changed after it: the shell script's own
 * test before it runs a command ({@code find ... -newer acai.jar}), made by the resident client for
 * the commands it serves, without a process. A jar at {@code ROOT/acai-cli/target/acai.jar} beside
 * a script {@code ROOT/acai} is a checkout's; its sources are the {@code .java} files, the {@code
 * pom.xml} files and what is under a {@code src/main/resources} folder, outside {@code ROOT/.git}
 * and any {@code target} folder.
 *
 * <p>The checkout's folders are watched (inotify): a command walks them again (about 1,000 entries,
 * 16-45 ms in the daemon, more than {@code find} with its process) only after something changed
 * there. Where they cannot be watched, every command walks.
 */
final class CheckoutSources implements AutoCloseable {
  private final Path root;
  private final Path jar;
  private Optional<WatchService> watcher;
  private boolean dirty = true;

  private CheckoutSources(Path root, Path jar, Optional<WatchService> watcher) {
    this.root = root;
    this.jar = jar;
    this.watcher = watcher;
  }

  /** The sources of the jar's checkout; empty for a jar of no checkout. */
  static Optional<CheckoutSources> of(Path jar) {
    Path target = jar.toAbsolutePath().normalize().getParent();
    if (!jar.getFileName().toString().equals("acai.jar")
        || target == null
        || !target.getFileName().toString().equals("target")
        || target.getParent() == null
        || !target.getParent().getFileName().toString().equals("acai-cli")
        || target.getParent().getParent() == null) {
      return Optional.empty();
    }
    Path root = target.getParent().getParent();
    if (!Files.isRegularFile(root.resolve("acai"), LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    Optional<WatchService> watcher;
    try {
      watcher = Optional.of(FileSystems.getDefault().newWatchService());
    } catch (IOException | UnsupportedOperationException e) {
      watcher = Optional.empty();
    }
    return Optional.of(new CheckoutSources(root, jar, watcher));
  }

  /** Whether a source is newer than the jar. */
  synchronized boolean changed() throws IOException {
    if (watcher.isPresent()) {
      for (WatchKey key = watcher.get().poll(); key != null; key = watcher.get().poll()) {
        dirty |= !key.pollEvents().isEmpty();
        key.reset();
      }
    }
    if (!dirty) {
      return false;
    }
    // Watched before it is walked: a change during the walk is seen by the next command.
    boolean changed = walk();
    dirty = changed || watcher.isEmpty();
    return changed;
  }

  private boolean walk() throws IOException {
    FileTime built = Files.getLastModifiedTime(jar);
    boolean[] changed = {false};
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
              throws IOException {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            if (name.equals("target") || (name.equals(".git") && root.equals(dir.getParent()))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            watch(dir);
            // A folder under the resources counts too: a file deleted there changes only it.
            return visitFile(dir, attributes);
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (!file.equals(root)
                && source(root.relativize(file))
                && attributes.lastModifiedTime().compareTo(built) > 0) {
              changed[0] = true;
              return FileVisitResult.TERMINATE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
    return changed[0];
  }

  /** Watches a folder (again: the same key); past the system's limit on watches, walks always. */
  private void watch(Path dir) {
    if (watcher.isEmpty()) {
      return;
    }
    try {
      dir.register(
          watcher.get(),
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_DELETE,
          StandardWatchEventKinds.ENTRY_MODIFY);
    } catch (IOException e) {
      close();
    }
  }

  private static boolean source(Path relative) {
    String name = relative.getFileName().toString();
    return name.endsWith(".java")
        || name.equals("pom.xml")
        || ("/" + relative.toString().replace('\\', '/')).contains("/src/main/resources/");
  }

  @Override
  public synchronized void close() {
    Optional<WatchService> closing = watcher;
    watcher = Optional.empty();
    closing.ifPresent(
        service -> {
          try {
            service.close();
          } catch (IOException e) {
            // Closed either way.
          }
        });
  }
}
