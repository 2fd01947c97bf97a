package org.acai.server.lifecycle;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.acai.api.lifecycle.GcReport;
import org.acai.server.cluster.ClusterTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One garbage collection: the purge of expired trash, then the blob sweep, then (on the local
 * store) the compaction of segments whose packed blobs are mostly dead. Runs on a schedule and on
 * demand, on one replica at a time; the last report is kept for metrics. Thread-safe.
 */
public final class GarbageCollector {
  /** What {@link #freedByRunningSweep} answers when no sweep runs here. */
  public static final long IDLE = -1;

  private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

  private final Purger purger;
  private final BlobCollector collector;
  private final Optional<SegmentCompactor> compactor;
  private final ClusterTask task;
  private final AtomicReference<GcReport> last = new AtomicReference<>();
  private final AtomicLong sweptNow = new AtomicLong(IDLE);

  GarbageCollector(
      Purger purger,
      BlobCollector collector,
      Optional<SegmentCompactor> compactor,
      ClusterTask task) {
    this.purger = purger;
    this.collector = collector;
    this.compactor = compactor;
    this.task = task;
  }

  /**
   * Purges, sweeps and compacts, first waiting for a collection running here or on another replica.
   */
  public GcReport run() {
    return task.run(this::collect);
  }

  /**
   * Purges, sweeps and compacts unless a collection runs here or on another replica (then empty).
   */
  public Optional<GcReport> runIfFree() {
    return task.runIfFree(this::collect);
  }

  private GcReport collect() {
    long start = System.nanoTime();
    long purged = purger.purge();
    BlobCollector.Sweep sweep;
    sweptNow.set(0);
    try {
      sweep = collector.sweep(sweptNow::set);
    } finally {
      sweptNow.set(IDLE);
    }
    SegmentCompactor.Result compaction =
        compactor.map(SegmentCompactor::run).orElse(new SegmentCompactor.Result(0, 0, 0));
    GcReport report =
        new GcReport(
            false,
            purged,
            sweep.freedBlobs(),
            sweep.freedBytes(),
            sweep.keptBlobs(),
            compaction.compacted(),
            compaction.reclaimedBytes(),
            (System.nanoTime() - start) / 1_000_000);
    last.set(report);
    if (purged > 0 || sweep.freedBlobs() > 0 || compaction.compacted() + compaction.deleted() > 0) {
      LOG.info(
          "GC purged {} entities, freed {} blobs ({} bytes), kept {}, compacted {} segments,"
              + " deleted {} old segments ({} bytes), in {} ms",
          purged,
          sweep.freedBlobs(),
          sweep.freedBytes(),
          sweep.keptBlobs(),
          compaction.compacted(),
          compaction.deleted(),
          compaction.reclaimedBytes(),
          report.millis());
    }
    return report;
  }

  /**
   * What {@link #run} would do now, changing nothing (blobs the purge would free are not yet
   * counted).
   */
  public GcReport dryRun() {
    long start = System.nanoTime();
    long purgeable = purger.countPurgeable();
    BlobCollector.Sweep sweep = collector.dryRun();
    return new GcReport(
        true,
        purgeable,
        sweep.freedBlobs(),
        sweep.freedBytes(),
        0,
        0,
        0,
        (System.nanoTime() - start) / 1_000_000);
  }

  /**
   * The blobs the sweep running on this replica has freed so far (committed batches), or {@link
   * #IDLE} when none runs.
   */
  public long freedByRunningSweep() {
    return sweptNow.get();
  }

  /** The last report of a real run, or null. */
  public GcReport lastReport() {
    return last.get();
  }
}
