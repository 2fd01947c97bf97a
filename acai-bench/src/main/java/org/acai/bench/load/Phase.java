package org.acai.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.acai.sdk.AcaiClient;

/**
 * One timed run of the load: every client thread runs {@link Ops} until the time is up, recording
 * each operation's latency by kind and counting errors. Thread-safe collection.
 */
final class Phase {
  private final Map<Ops.Kind, List<Double>> latencies = new EnumMap<>(Ops.Kind.class);
  private final AtomicLong errors = new AtomicLong();
  private final List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());

  private Phase() {
    for (Ops.Kind kind : Ops.Kind.values()) {
      latencies.put(kind, Collections.synchronizedList(new ArrayList<>()));
    }
  }

  /** Runs {@code clients} (one thread each) for {@code length}; {@code extra} runs beside them. */
  static Phase run(List<AcaiClient> clients, Path scratch, Duration length, Runnable extra)
      throws Exception {
    Phase phase = new Phase();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients.size(); i++) {
      Path own = Files.createDirectories(scratch.resolve("c" + i));
      Ops ops = new Ops(clients.get(i), own, "/load/c" + i, i);
      Thread thread = new Thread(() -> phase.loop(ops, stop), "load-client-" + i);
      thread.start();
      threads.add(thread);
    }
    Thread side = null;
    if (extra != null) {
      side = new Thread(extra, "load-hammer");
      side.setDaemon(true);
      side.start();
    }
    Thread.sleep(length.toMillis());
    stop.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
    if (side != null) {
      side.interrupt();
    }
    return phase;
  }

  private void loop(Ops ops, AtomicBoolean stop) {
    while (!stop.get()) {
      Ops.Kind kind = ops.next();
      long started = System.nanoTime();
      try {
        ops.run(kind);
        latencies.get(kind).add((System.nanoTime() - started) / 1e6);
      } catch (Exception | AssertionError e) {
        if (errors.incrementAndGet() <= 5) {
          firstErrors.add(kind + ": " + e);
        }
      }
      try {
        Thread.sleep(Ops.thinkTime().toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  List<Double> latencies(Ops.Kind kind) {
    return latencies.get(kind);
  }

  long operations() {
    return latencies.values().stream().mapToLong(List::size).sum();
  }

  long errors() {
    return errors.get();
  }

  List<String> firstErrors() {
    return firstErrors;
  }
}
