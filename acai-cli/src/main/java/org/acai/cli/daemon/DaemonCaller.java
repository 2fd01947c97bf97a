package org.acai.cli.daemon;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The other end of one command the resident client runs: where its output goes, how it learns the
 * exit code or that the daemon is busy, and how the daemon notices that it left.
 */
interface DaemonCaller {
  /** The command's standard output. */
  OutputStream out();

  /** The command's standard error. */
  OutputStream err();

  /** Says that another command runs now: the caller runs its own in its own JVM. */
  void busy() throws IOException;

  /** Sends the exit code; the last thing the caller hears. */
  void exit(int code) throws IOException;

  /**
   * Watches the caller while its command runs: a caller that leaves (Ctrl-C, killed) before {@code
   * done} is set ends the daemon at once, so that its command stops where it stands as it would
   * have in its own JVM.
   */
  void watch(AtomicBoolean done);

  /** Ends the daemon because its caller left. */
  static void callerLeft(AtomicBoolean done) {
    if (!done.get()) {
      System.out.println("acai daemon: the caller left during its command; ending now");
      Runtime.getRuntime().halt(130);
    }
  }
}
