package org.acai.server.blob.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for background disk work (writes, flushes) and rethrows its failure as it happened. */
final class DiskWaits {
  private DiskWaits() {}

  /**
   * Waits for {@code work} to end.
   *
   * @throws IOException the failure of the work (unwrapped from {@link UncheckedIOException}), or
   *     an interrupt of the wait
   */
  static void await(Future<?> work) throws IOException {
    try {
      work.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while waiting for the disk", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause();
      }
      throw new IOException(e.getCause());
    }
  }
}
