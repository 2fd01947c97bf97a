package org.acai.server.job.exec;

/** A job command started by a {@link CommandRunner}. Thread-safe. */
public interface RunHandle {
  /**
   * Waits for the end of the command and of every process it started.
   *
   * @throws InterruptedException if this thread is interrupted while waiting
   */
  ExitOutcome await() throws InterruptedException;

  /**
   * Ends the command and everything it started; returns once they are gone. The outcome is then
   * {@code KILLED}. Does nothing once the command has ended.
   */
  void kill();

  /** The content digest ({@code sha256:...}) of the image the command runs in, where it has one. */
  default java.util.Optional<String> imageDigest() {
    return java.util.Optional.empty();
  }
}
