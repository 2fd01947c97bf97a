package org.acai.server.job.exec;

/**
 * Receives a job's output, one line at a time, as it is produced.
 *
 * <p>Calls for one process never overlap, and lines of one channel arrive in the order written.
 * Lines of stdout and stderr interleave in the order they were read, which is only approximately
 * the order they were written (they travel through two pipes). A line has no line terminator
 * ({@code \n} and a preceding {@code \r} are removed). Output is decoded as UTF-8: malformed bytes
 * and NUL characters become U+FFFD, so binary output cannot break a log. A line longer than {@link
 * #MAX_LINE_BYTES} bytes is delivered in several pieces, split between characters.
 *
 * <p>A sink should return quickly: while it runs, the job's output pipe fills up. A sink that
 * throws loses that line, nothing more.
 */
@FunctionalInterface
public interface LineSink {
  /** Longest line delivered in one piece, in bytes of UTF-8. */
  int MAX_LINE_BYTES = 64 * 1024;

  /** Where a line came from. */
  enum Channel {
    /** The job's standard output. */
    STDOUT,
    /** The job's standard error. */
    STDERR
  }

  /** Receives one line from the given channel. */
  void line(Channel channel, String text);
}
