package org.acai.sdk.transfer;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread factories of the transfers: daemon threads, which never keep a JVM from exiting. */
final class Daemons {
  private Daemons() {}

  /** Daemon threads named {@code prefix-1}, {@code prefix-2}, … */
  static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
