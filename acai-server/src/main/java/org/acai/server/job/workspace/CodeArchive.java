package org.acai.server.job.workspace;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.PayloadTooLargeException;
import org.acai.api.error.ServiceFailureException;

/**
 * Unpacks a job's code zip into its working directory, refusing anything that would land outside it
 * ("zip slip": {@code ../x}, absolute names, writing through symbolic links) and stopping zip bombs
 * at a limit on entries and on bytes actually unpacked (header sizes are not trusted).
 *
 * <p>Every entry is checked before anything is written for it, so nothing is ever written outside
 * the directory; after a refusal, entries before the bad one may remain inside it. Unix file modes
 * are not kept ({@code java.util.zip} streams do not carry them): run scripts as {@code bash
 * run.sh}. Stateless and thread-safe.
 */
public final class CodeArchive {
  private static final byte[] LOCAL_HEADER = {'P', 'K', 3, 4};
  private static final byte[] EMPTY_ARCHIVE = {'P', 'K', 5, 6};

  private CodeArchive() {}

  /**
   * Unpacks with the default limits; see {@link #unpack(InputStream, Path, long, int)}.
   *
   * @throws InvalidRequestException if the archive is malformed or an entry escapes {@code dir}
   * @throws PayloadTooLargeException if the archive is over a limit
   */
  public static List<Path> unpack(InputStream zip, Path dir) {
    return unpack(zip, dir, CodeLimits.DEFAULT);
  }

  /**
   * Unpacks within {@code limits}; see {@link #unpack(InputStream, Path, long, int)}.
   *
   * @throws InvalidRequestException if the archive is malformed or an entry escapes {@code dir}
   * @throws PayloadTooLargeException if the archive is over a limit
   */
  public static List<Path> unpack(InputStream zip, Path dir, CodeLimits limits) {
    return unpack(zip, dir, limits.maxBytes(), limits.maxEntries());
  }

  /**
   * Unpacks {@code zip} into {@code dir} (created if missing) and returns the files written, in
   * archive order. Existing files of the same name are overwritten; the stream is not closed.
   *
   * @throws InvalidRequestException if the archive is malformed, names an entry twice, or an entry
   *     escapes {@code dir}
   * @throws PayloadTooLargeException if it unpacks to more than {@code maxBytes} bytes or holds
   *     more than {@code maxEntries} entries
   * @throws ServiceFailureException if {@code dir} cannot be written
   */
  public static List<Path> unpack(InputStream zip, Path dir, long maxBytes, int maxEntries) {
    try {
      Files.createDirectories(dir);
      Path root = dir.toRealPath();
      InputStream input = new BufferedInputStream(zip);
      checkSignature(input);
      return new Unpacker(root, maxBytes, maxEntries).run(new ZipInputStream(input));
    } catch (ZipException e) {
      throw new InvalidRequestException(e, "Invalid code archive: %s", e.getMessage());
    } catch (IOException e) {
      throw new ServiceFailureException(e, "Cannot unpack code archive into %s: %s", dir, e);
    }
  }

  private static void checkSignature(InputStream input) throws IOException {
    input.mark(LOCAL_HEADER.length);
    byte[] start = input.readNBytes(LOCAL_HEADER.length);
    input.reset();
    if (!Arrays.equals(start, LOCAL_HEADER) && !Arrays.equals(start, EMPTY_ARCHIVE)) {
      throw new InvalidRequestException("Invalid code archive: not a zip file");
    }
  }

  /** One unpacking run; counts entries and bytes. */
  private static final class Unpacker {
    private final Path root;
    private final long maxBytes;
    private final int maxEntries;
    private final Set<Path> seen = new HashSet<>();
    private final List<Path> written = new ArrayList<>();
    private final byte[] buffer = new byte[64 * 1024];
    private long bytes;

    Unpacker(Path root, long maxBytes, int maxEntries) {
      this.root = root;
      this.maxBytes = maxBytes;
      this.maxEntries = maxEntries;
    }

    List<Path> run(ZipInputStream zip) throws IOException {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        if (seen.size() >= maxEntries) {
          throw new PayloadTooLargeException(
              "Cannot unpack code archive: more than %d entries", maxEntries);
        }
        Path target = target(entry.getName());
        if (target.equals(root)) {
          continue;
        }
        if (!seen.add(target)) {
          throw new InvalidRequestException(
              "Invalid code archive: entry %s appears twice", entry.getName());
        }
        if (entry.isDirectory()) {
          createDirectories(target, entry.getName());
        } else {
          createDirectories(target.getParent(), entry.getName());
          copy(zip, target, entry.getName());
          written.add(target);
        }
      }
      return List.copyOf(written);
    }

    /** Where an entry goes, refusing names that lead outside the root. */
    private Path target(String name) {
      // Some Windows tools write backslashes; treat them as the separators they were meant as.
      String relative = name.replace('\\', '/');
      Path target;
      try {
        target = root.resolve(relative).normalize();
      } catch (InvalidPathException e) {
        throw new InvalidRequestException(
            "Invalid code archive: entry %s is not a valid path", name);
      }
      if (relative.startsWith("/") || !target.startsWith(root)) {
        throw escapes(name);
      }
      return target;
    }

    /** Creates directories one level at a time, so none of them can be a symbolic link. */
    private void createDirectories(Path dir, String name) throws IOException {
      Path current = root;
      for (Path part : root.relativize(dir)) {
        current = current.resolve(part);
        if (Files.isSymbolicLink(current)) {
          throw escapes(name);
        }
        if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)
            && !Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
          throw new InvalidRequestException(
              "Invalid code archive: entry %s needs %s to be a directory", name, part);
        }
        if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectory(current);
        }
      }
    }

    private void copy(InputStream zip, Path target, String name) throws IOException {
      if (Files.isSymbolicLink(target)) {
        throw escapes(name);
      }
      try (OutputStream out =
          Files.newOutputStream(
              target,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS)) {
        for (int read = zip.read(buffer); read >= 0; read = zip.read(buffer)) {
          bytes += read;
          if (bytes > maxBytes) {
            throw new PayloadTooLargeException(
                "Cannot unpack code archive: more than %d bytes uncompressed", maxBytes);
          }
          out.write(buffer, 0, read);
        }
      }
    }

    private static InvalidRequestException escapes(String name) {
      return new InvalidRequestException(
          "Invalid code archive: entry %s escapes the working directory", name);
    }
  }
}
