package org.acai.sdk.transfer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * Writes downloaded files, already checked and whole in memory, on a thread of its own, in the
 * order given, so that the thread reading the stream only reads and checks. At most {@value
 * #QUEUED_BYTES} bytes wait: the writer is the slower (creating files is most of a small file's
 * cost), and more waiting outgrew the resident client's young generation, whose full collections
 * then stopped both threads. The first failure stops it and is thrown to the caller at its next
 * {@link #submit} or at {@link #finish}. Not thread-safe: one caller.
 */
final class FileWriterThread implements AutoCloseable {
  /** Bytes handed over and not yet written, at most. */
  static final int QUEUED_BYTES = 4 << 20;

  /** One file to write; the one without a target ends the thread. */
  private static final class Item {
    private final Path target;
    private final byte[] content;
    private final String temporary;

    Item(Path target, byte[] content, String temporary) {
      this.target = target;
      this.content = content;
      this.temporary = temporary;
    }

    boolean isEnd() {
      return target == null;
    }
  }

  private static final Item END = new Item(null, new byte[0], "");

  private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
  private final Semaphore room = new Semaphore(QUEUED_BYTES);
  private final Progress progress;
  private final Progress.Attempt attempt;
  private final Thread thread;
  private volatile Throwable failure;
  private volatile boolean stopped;

  FileWriterThread(Progress progress, Progress.Attempt attempt) {
    this.progress = progress;
    this.attempt = attempt;
    this.thread = Daemons.threads("acai-file-writer").newThread(this::run);
    thread.start();
  }

  /**
   * Hands one file over (at most {@value #QUEUED_BYTES} bytes); waits while too much is waiting.
   *
   * @throws IOException the writer's failure, if it failed
   */
  void submit(Path target, byte[] content, String temporary) throws IOException {
    rethrow();
    room.acquireUninterruptibly(Math.min(content.length, QUEUED_BYTES));
    rethrow();
    queue.add(new Item(target, content, temporary));
  }

  /** Waits until everything handed over is written; throws the writer's failure, if any. */
  void drain() throws IOException {
    room.acquireUninterruptibly(QUEUED_BYTES);
    room.release(QUEUED_BYTES);
    rethrow();
  }

  /** Writes what is left and ends the thread; throws the writer's failure, if any. */
  void finish() throws IOException {
    queue.add(END);
    join();
    rethrow();
  }

  /** Ends the thread, dropping what is not written yet (after {@link #finish}, nothing). */
  @Override
  public void close() {
    if (thread.isAlive()) {
      stopped = true;
      queue.add(END);
      join();
    }
  }

  private void run() {
    try {
      while (true) {
        Item item = queue.take();
        if (item.isEnd() || stopped) {
          return;
        }
        FilePlacement.place(item.target, item.temporary, out -> out.write(item.content));
        attempt.add(item.content.length);
        progress.fileDone();
        room.release(Math.min(item.content.length, QUEUED_BYTES));
      }
    } catch (IOException | RuntimeException | Error e) {
      failure = e;
    } catch (InterruptedException e) {
      failure = e;
      Thread.currentThread().interrupt();
    } finally {
      // Whoever waits for room or for the queue to drain wakes up and sees the failure.
      room.release(QUEUED_BYTES);
    }
  }

  private void join() {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void rethrow() throws IOException {
    Throwable failed = failure;
    if (failed == null) {
      return;
    }
    if (failed instanceof IOException e) {
      throw e;
    }
    if (failed instanceof UncheckedIOException e) {
      throw e.getCause();
    }
    if (failed instanceof RuntimeException e) {
      throw e;
    }
    if (failed instanceof Error e) {
      throw e;
    }
    throw new IOException("The file writer was interrupted", failed);
  }
}
