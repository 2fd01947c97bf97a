package org.acai.server.job.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import org.acai.server.job.exec.JobUser;

/**
 * The files a job left under its output path that the server may read on its behalf: regular files
 * only, found without following any link, and only what the job itself could read. Symbolic links,
 * devices, FIFOs and sockets are skipped, and so is a hard link to a file that is not the job's own
 * (a job running as the server's uid may not hard-link at all): the server reads them with more
 * rights than the job had, so a link to the admin token, {@code /etc/shadow} or another project's
 * blob would hand them over. Each skip is said in the job's log.
 *
 * <p>Read only after every process of the job has ended, so nothing can swap a checked file for a
 * link in between; files are still opened with {@code O_NOFOLLOW}.
 */
public final class OutputFiles {
  /** Most files one job may output. */
  static final int MAX_FILES = 100_000;

  private static final int MAX_DEPTH = 64;

  /** One output file: where it is and its path in the store. */
  public record Entry(Path file, String remotePath, long size) {
    /** Opens the file without following a link. */
    public InputStream open() throws IOException {
      return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
    }
  }

  private OutputFiles() {}

  /**
   * Lists the output files, in path order.
   *
   * @param work the job's working directory (real path)
   * @param outputPath the output path relative to it, normalized (no {@code ..})
   * @param user whom the job ran as
   * @param log receives one line per skipped entry
   * @throws IOException if the directory cannot be read
   */
  public static List<Entry> collect(
      Path work, String outputPath, JobUser user, Consumer<String> log) throws IOException {
    Path root = work;
    for (Path part : Path.of(outputPath)) {
      root = root.resolve(part);
      if (Files.isSymbolicLink(root)) {
        log.accept("[acai] output: ./" + work.relativize(root) + " is a symbolic link; skipped");
        return List.of();
      }
      if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
        return List.of();
      }
    }
    Collector collector = new Collector(work, "/" + outputPath + "/", root, user, log);
    Files.walkFileTree(
        root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH, collector);
    collector.entries.sort((a, b) -> a.remotePath().compareTo(b.remotePath()));
    return Collections.unmodifiableList(collector.entries);
  }

  private static final class Collector implements FileVisitor<Path> {
    private final Path work;
    private final String prefix;
    private final Path root;
    private final JobUser user;
    private final Consumer<String> log;
    private final List<Entry> entries = new ArrayList<>();

    Collector(Path work, String prefix, Path root, JobUser user, Consumer<String> log) {
      this.work = work;
      this.prefix = prefix;
      this.root = root;
      this.user = user;
      this.log = log;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
      String skip = reasonToSkip(file, attrs);
      if (skip != null) {
        log.accept("[acai] output: ./" + work.relativize(file) + " " + skip + "; skipped");
        return FileVisitResult.CONTINUE;
      }
      if (entries.size() >= MAX_FILES) {
        throw new IOException("Cannot upload outputs: more than " + MAX_FILES + " files");
      }
      String relative = root.relativize(file).toString();
      entries.add(new Entry(file, prefix + relative, attrs.size()));
      return FileVisitResult.CONTINUE;
    }

    private String reasonToSkip(Path file, BasicFileAttributes attrs) throws IOException {
      if (attrs.isSymbolicLink()) {
        return "is a symbolic link";
      }
      if (!attrs.isRegularFile()) {
        return "is not a regular file (device, FIFO or socket)";
      }
      int links = (Integer) Files.getAttribute(file, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
      int owner = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      if (user.dedicated() && owner != user.uid()) {
        return "belongs to another user (uid " + owner + ")";
      }
      if (links > 1 && !user.dedicated()) {
        return "is a hard link";
      }
      return null;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      log.accept("[acai] output: ./" + work.relativize(file) + " cannot be read; skipped");
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
      return FileVisitResult.CONTINUE;
    }
  }
}
