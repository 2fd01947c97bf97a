package org.acai.server.lifecycle;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.acai.api.lifecycle.GcReport;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Usage and GC figures for {@code /metrics}: per project (tag {@code project}) the logical bytes
 * and count of visible file versions, the physical bytes after dedup of all its versions (the trash
 * included), and its jobs by state (tag {@code state}); the GC candidates waiting; and the last
 * GC's report. The per-project figures come from three aggregate queries over all projects, run at
 * most once per {@link #MAX_AGE} however often the metrics are scraped, and never unless they are.
 * Thread-safe.
 */
public final class UsageMetrics {
  /** How long one refresh of the figures is served. */
  public static final Duration MAX_AGE = Duration.ofSeconds(15);

  private final Jdbi jdbi;
  private final GarbageCollector gc;
  private final Clock clock;
  private final AtomicLong pending = new AtomicLong();
  private MultiGauge logical;
  private MultiGauge files;
  private MultiGauge physical;
  private MultiGauge jobs;
  private boolean fresh;
  private long refreshedAt;

  UsageMetrics(Jdbi jdbi, GarbageCollector gc, Clock clock) {
    this.jdbi = jdbi;
    this.gc = gc;
    this.clock = clock;
  }

  /** Registers the meters; call once. */
  public synchronized void bindTo(MeterRegistry registry) {
    logical =
        MultiGauge.builder("acai.project.logical")
            .baseUnit("bytes")
            .description("Bytes of a project's visible file versions")
            .register(registry);
    files =
        MultiGauge.builder("acai.project.files")
            .description("A project's visible file versions")
            .register(registry);
    physical =
        MultiGauge.builder("acai.project.physical")
            .baseUnit("bytes")
            .description("Bytes of the distinct blobs a project's versions (trash included) use")
            .register(registry);
    jobs =
        MultiGauge.builder("acai.project.jobs")
            .description("A project's jobs (not deleted) by state")
            .register(registry);
    Gauge.builder("acai.gc.candidates", pending, AtomicLong::get)
        .description("Unreferenced blobs waiting for GC")
        .register(registry);
    Gauge.builder(
            "acai.gc.sweep.running",
            gc,
            c -> c.freedByRunningSweep() == GarbageCollector.IDLE ? 0 : 1)
        .description("1 while a blob sweep runs on this replica")
        .register(registry);
    Gauge.builder("acai.gc.sweep.freed.blobs", gc, c -> Math.max(0, c.freedByRunningSweep()))
        .description("Blobs the running sweep has freed so far (0 when none runs)")
        .register(registry);
    lastGc(registry, "acai.gc.last.freed.blobs", GcReport::freedBlobs, null);
    lastGc(registry, "acai.gc.last.freed", GcReport::freedBytes, "bytes");
    lastGc(registry, "acai.gc.last.purged.items", GcReport::purgedItems, null);
    lastGc(registry, "acai.gc.last.compacted.segments", GcReport::compactedSegments, null);
    lastGc(registry, "acai.gc.last.reclaimed.segment", GcReport::reclaimedSegmentBytes, "bytes");
    lastGc(registry, "acai.gc.last.duration", report -> report.millis() / 1000.0, "seconds");
  }

  private void lastGc(
      MeterRegistry registry, String name, ToDoubleFunction<GcReport> value, String unit) {
    Gauge.builder(
            name,
            gc,
            collector -> {
              GcReport report = collector.lastReport();
              return report == null ? Double.NaN : value.applyAsDouble(report);
            })
        .baseUnit(unit)
        .description("Of the last garbage collection since the server started")
        .register(registry);
  }

  /** Refreshes the figures unless they are younger than {@link #MAX_AGE}. */
  public synchronized void refresh() {
    long now = clock.millis();
    if (logical == null || (fresh && now - refreshedAt < MAX_AGE.toMillis())) {
      return;
    }
    jdbi.useHandle(this::query);
    refreshedAt = now;
    fresh = true;
  }

  private void query(Handle handle) {
    List<MultiGauge.Row<?>> logicalRows = new ArrayList<>();
    List<MultiGauge.Row<?>> fileRows = new ArrayList<>();
    handle
        .createQuery(
            "SELECT p.name, count(v.id), coalesce(sum(v.size), 0) FROM file_versions v"
                + " JOIN projects p ON p.id = v.project_id"
                + " WHERE v.deletion_id IS NULL AND p.removed_at IS NULL GROUP BY p.name")
        .map((rs, ctx) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3)})
        .forEach(
            row -> {
              fileRows.add(row(Tags.of("project", (String) row[0]), (Long) row[1]));
              logicalRows.add(row(Tags.of("project", (String) row[0]), (Long) row[2]));
            });
    List<MultiGauge.Row<?>> physicalRows = new ArrayList<>();
    handle
        .createQuery(
            "SELECT p.name, coalesce(sum(b.size), 0) FROM (SELECT DISTINCT project_id, sha256,"
                + " size FROM file_versions) b JOIN projects p ON p.id = b.project_id"
                + " WHERE p.removed_at IS NULL GROUP BY p.name")
        .map((rs, ctx) -> row(Tags.of("project", rs.getString(1)), rs.getLong(2)))
        .forEach(physicalRows::add);
    List<MultiGauge.Row<?>> jobRows = new ArrayList<>();
    handle
        .createQuery(
            "SELECT p.name, j.status, count(*) FROM jobs j JOIN projects p"
                + " ON p.id = j.project_id WHERE j.deletion_id IS NULL"
                + " AND p.removed_at IS NULL GROUP BY p.name, j.status")
        .map(
            (rs, ctx) ->
                row(Tags.of("project", rs.getString(1), "state", rs.getString(2)), rs.getLong(3)))
        .forEach(jobRows::add);
    pending.set(handle.createQuery("SELECT count(*) FROM blob_candidates").mapTo(Long.class).one());
    logical.register(logicalRows, true);
    files.register(fileRows, true);
    physical.register(physicalRows, true);
    jobs.register(jobRows, true);
  }

  private static MultiGauge.Row<?> row(Tags tags, long value) {
    return MultiGauge.Row.of(tags, value);
  }
}
