package org.acai.server.blob.internal;

import com.sun.jna.Function;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Hands the kernel back the page cache of a file's bytes once they are on the disk ({@code
 * posix_fadvise(POSIX_FADV_DONTNEED)} through libc, on Linux; elsewhere it does nothing).
 *
 * <p>Why: a big upload written through the page cache fills as many new pages as it has bytes. On
 * the virtual machines this project runs on (free pages are reported to the host, which takes them
 * back), the kernel's copy into a page not used lately costs a fault in the host: writing 1 GiB
 * into new pages took 1.8-2.1 s of system time, into pages freed a moment before 0.35-0.6 s. Pages
 * given back as soon as their bytes are durable are the ones the next writes reuse, so a file of
 * any size cycles through a few tens of MiB. On any machine it also keeps one big upload from
 * pushing everything else (small files, the database's pages) out of the cache. The advice only
 * ever drops clean pages: bytes not yet on the disk stay where they are.
 *
 * <p>Thread-safe.
 */
public final class PageCache {
  private static final int O_RDONLY = 0;

  /** {@code O_CLOEXEC} of Linux on x86-64 and ARM64. */
  private static final int O_CLOEXEC = 0x80000;

  private static final int POSIX_FADV_DONTNEED = 4;

  private static final Optional<Libc> LIBC = Libc.bind();

  private PageCache() {}

  /** Whether the advice reaches the kernel here (Linux with a libc JNA can call). */
  public static boolean available() {
    return LIBC.isPresent();
  }

  /**
   * Drops the cached pages of {@code length} bytes of {@code file} from {@code offset}, those that
   * are clean; best effort.
   *
   * @return whether the kernel took the advice
   */
  public static boolean drop(Path file, long offset, long length) {
    if (LIBC.isEmpty() || length <= 0) {
      return false;
    }
    Libc libc = LIBC.get();
    int fd = libc.open.invokeInt(new Object[] {nativePath(file), O_RDONLY | O_CLOEXEC});
    if (fd < 0) {
      return false;
    }
    try {
      return libc.fadvise.invokeInt(new Object[] {fd, offset, length, POSIX_FADV_DONTNEED}) == 0;
    } finally {
      libc.close.invokeInt(new Object[] {fd});
    }
  }

  /** The path's bytes as the JDK gives them to the system, NUL-terminated. */
  private static byte[] nativePath(Path file) {
    Charset charset = Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
    byte[] bytes = file.toAbsolutePath().toString().getBytes(charset);
    return Arrays.copyOf(bytes, bytes.length + 1);
  }

  /** The three libc functions the advice takes. */
  private record Libc(Function open, Function close, Function fadvise) {
    static Optional<Libc> bind() {
      if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new Libc(
                Function.getFunction("c", "open"),
                Function.getFunction("c", "close"),
                Function.getFunction("c", "posix_fadvise")));
      } catch (LinkageError | RuntimeException e) {
        // No JNA native part for this platform, or no such function: the cache is left alone.
        return Optional.empty();
      }
    }
  }
}
