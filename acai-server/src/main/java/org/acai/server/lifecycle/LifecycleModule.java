package org.acai.server.lifecycle;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.acai.server.blob.BlobStore;
import org.acai.server.cluster.ClusterTask;
import org.acai.server.http.ApiRoutes;
import org.acai.server.http.Caller;
import org.acai.server.storage.PackedBlobStore;
import org.acai.server.threads.Daemons;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the trash, restores and GC, and runs GC on a schedule (on one replica at a time). */
public final class LifecycleModule implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LifecycleModule.class);

  private final TrashService trash;
  private final GarbageCollector gc;
  private final ApiRoutes routes;
  private final UsageMetrics metrics;
  private final ScheduledExecutorService schedule;

  /** Builds the services; GC runs every {@code config.gcInterval()} unless that is 0. */
  public LifecycleModule(Jdbi jdbi, BlobStore blobs, Caller caller, LifecycleConfig config) {
    this.trash = new TrashService(jdbi, config);
    this.gc =
        new GarbageCollector(
            new Purger(jdbi, config.retention()),
            new BlobCollector(jdbi, blobs, config.gcGrace(), config.gcBatch()),
            blobs instanceof PackedBlobStore packed
                ? Optional.of(new SegmentCompactor(jdbi, packed.segments(), config.gcGrace()))
                : Optional.empty(),
            new ClusterTask(jdbi, ClusterTask.Kind.GARBAGE_COLLECTION));
    this.metrics = new UsageMetrics(jdbi, gc, Clock.systemUTC());
    this.routes =
        new LifecycleRoutes(trash, gc, new Fsck(jdbi, blobs), new UsageQuery(jdbi), caller);
    this.schedule = Executors.newSingleThreadScheduledExecutor(Daemons.named("acai-gc"));
    long every = config.gcInterval().toMillis();
    if (every > 0) {
      var unused =
          schedule.scheduleWithFixedDelay(this::collect, every, every, TimeUnit.MILLISECONDS);
    }
  }

  private void collect() {
    try {
      if (gc.runIfFree().isEmpty()) {
        LOG.debug("Scheduled GC skipped: a collection is running on another replica");
      }
    } catch (RuntimeException e) {
      LOG.warn("Scheduled GC failed", e);
    }
  }

  /** The HTTP routes. */
  public ApiRoutes routes() {
    return routes;
  }

  /** Usage and GC figures for {@code /metrics}. */
  public UsageMetrics metrics() {
    return metrics;
  }

  /** Soft deletes and restores. */
  public TrashService trash() {
    return trash;
  }

  /** Garbage collection. */
  public GarbageCollector gc() {
    return gc;
  }

  @Override
  public void close() {
    schedule.shutdownNow();
  }
}
