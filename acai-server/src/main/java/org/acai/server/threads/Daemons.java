package org.acai.server.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Factories of daemon threads: the server's background work never keeps the JVM alive. */
public final class Daemons {
  private Daemons() {}

  /** Daemon threads, each named {@code name}. */
  public static ThreadFactory named(String name) {
    return task -> daemon(task, name);
  }

  /** Daemon threads named {@code name-1}, {@code name-2}, and so on. */
  public static ThreadFactory numbered(String name) {
    AtomicInteger count = new AtomicInteger();
    return task -> daemon(task, name + "-" + count.incrementAndGet());
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
