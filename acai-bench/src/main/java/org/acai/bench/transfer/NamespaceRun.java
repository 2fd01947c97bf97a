package org.acai.bench.transfer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.acai.api.storage.DirectoryPage;
import org.acai.sdk.AcaiClient;

/**
 * A large namespace, measured once: {@code cp -r; sync} and {@code acai put} of one directory of
 * many small files (with the peak resident memory of the command, its resident client and the
 * server's JVM), then pages of 1,000 entries of that directory read at random cursors, and {@code
 * acai ls} of it whole.
 */
public final class NamespaceRun {
  /** Directory pages timed for the median. */
  private static final int PAGES = 100;

  private final BenchServer server;
  private final AcaiClient client;
  private final Cli cli;

  /** Uploads into {@code server} through {@code cli}, pages through its SDK client. */
  public NamespaceRun(BenchServer server, Cli cli) {
    this.server = server;
    this.client = server.client();
    this.cli = cli;
  }

  /** What one run measured. */
  public record Result(
      int files,
      double copySyncSeconds,
      double putSeconds,
      long cliPeakRss,
      long daemonPeakRss,
      boolean daemonPeakOfPut,
      double alonePutSeconds,
      long alonePeakRss,
      long serverPeakRss,
      double pageP50Millis,
      double pageP90Millis,
      double lsSeconds) {
    /** The lines of the report. */
    public List<String> lines() {
      return List.of(
          String.format(
              "%d x 4 KiB upload: cp -r; sync %.2f s, acai put %.2f s (%.2fx), with ACAI_DAEMON=off"
                  + " %.2f s (%.2fx)",
              files,
              copySyncSeconds,
              putSeconds,
              putSeconds / copySyncSeconds,
              alonePutSeconds,
              alonePutSeconds / copySyncSeconds),
          String.format(
              "peak RSS: acai put %d MiB and its resident client %d MiB (%s), with"
                  + " ACAI_DAEMON=off %d MiB; the server's JVM %d MiB (its peak since it started,"
                  + " default heap; PostgreSQL's processes not counted)",
              cliPeakRss >> 20,
              daemonPeakRss >> 20,
              daemonPeakOfPut ? "its peak during the put" : "its peak since it started",
              alonePeakRss >> 20,
              serverPeakRss >> 20),
          String.format(
              "list_directory_page of 1,000 entries in a %d-entry directory: p50 %.1f ms, p90 %.1f"
                  + " ms (%d pages at random cursors)",
              files, pageP50Millis, pageP90Millis, PAGES),
          String.format(
              "acai ls of the %d-entry directory (paged, whole process): %.2f s",
              files, lsSeconds));
    }
  }

  /** Measures {@code workload} (its files in one directory) once. */
  public Result measure(Workload workload, java.nio.file.Path scratch)
      throws IOException, InterruptedException {
    java.nio.file.Path copy = scratch.resolve("ns-copy");
    Shell.sync();
    long start = System.nanoTime();
    Shell.run("cp", "-r", workload.dir().toString(), copy.toString());
    Shell.sync();
    double copySync = (System.nanoTime() - start) / 1e9;
    Shell.delete(copy);
    Shell.sync();
    long daemon = cli.daemonPid().orElse(0);
    // The resident client has run every earlier workload (1 GiB ones too): count this put's peak.
    boolean daemonPeakOfPut = daemon > 0 && PeakRss.reset(daemon);
    start = System.nanoTime();
    long cliRss = cli.putPeakRss(workload.dir(), "/ns/");
    double put = (System.nanoTime() - start) / 1e9;
    long daemonRss = PeakRss.of(java.nio.file.Path.of("/proc", daemon + "", "status"));
    Shell.sync();
    start = System.nanoTime();
    long aloneRss = cli.withoutDaemon().putPeakRss(workload.dir(), "/ns-alone/");
    double alonePut = (System.nanoTime() - start) / 1e9;
    long serverRss = server.peakRss();
    List<Double> millis = pages(workload.files().size());
    start = System.nanoTime();
    cli.ls("/ns");
    double ls = (System.nanoTime() - start) / 1e9;
    return new Result(
        workload.files().size(),
        copySync,
        put,
        cliRss,
        daemonRss,
        daemonPeakOfPut,
        alonePut,
        aloneRss,
        serverRss,
        millis.get(millis.size() / 2),
        millis.get(millis.size() * 9 / 10),
        ls);
  }

  private List<Double> pages(int files) {
    List<String> names = new ArrayList<>();
    client.files().streamDir("/ns").limit(files).forEach(entry -> names.add(entry.path()));
    SplittableRandom random = new SplittableRandom(16);
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < PAGES; i++) {
      String after = i == 0 ? null : names.get(random.nextInt(names.size()));
      long start = System.nanoTime();
      DirectoryPage page = client.files().listDirPage("/ns", after, 1000);
      millis.add((System.nanoTime() - start) / 1e6);
      if (page.entries().isEmpty()) {
        throw new IllegalStateException("An empty page after " + after);
      }
    }
    Collections.sort(millis);
    return millis;
  }
}
