package org.acai.bench.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.FilePair;
import org.acai.sdk.FilesList;
import org.acai.sdk.transfer.TransferOptions;

/**
 * Times {@code cp -r}, {@code cp -r} then {@code sync}, an SDK upload and an SDK download of one
 * workload on the same disk, several runs each, and the {@link Ceilings}. Every run first changes
 * the files, so that no upload finds its content stored already.
 */
public final class TransferRun {
  private static final String[] OPERATIONS = {
    "cp -r",
    "cp -r; sync",
    "CLI put",
    "CLI fileset get",
    "CLI put, no daemon",
    "CLI get, no daemon",
    "SDK upload",
    "SDK download",
    "curl download",
    "HTTP PUT no-op",
    "HTTP GET no-op",
    "SHA-256 pass",
    "acai --version",
    "direct write; fsync"
  };

  private final AcaiClient client;
  private final long serverPid;
  private final Path scratch;
  private final TransferOptions options;
  private final Ceilings ceilings;
  private final Cli cli;
  private final Cli cliAlone;
  private final CurlDownload curl;
  private final PostgresCpu database;
  private final Optional<StoreCeiling> storeCeiling;
  private final List<String> operations = new ArrayList<>(List.of(OPERATIONS));
  private final List<String> notes = new ArrayList<>();

  /** Downloads of warm-up rounds, deleted with the measured runs' copies (see {@link #measure}). */
  private final List<Path> leftovers = new ArrayList<>();

  /**
   * Runs against {@code server} through its SDK client and, through the command line, {@code cli};
   * writes copies under {@code scratch}; {@code curl} fetches the SDK's uploads as the download
   * ceiling; the notes count the CPU of the server's JVM and PostgreSQL; {@code storeCeiling} adds
   * the rows of the server's blob store, if it has any.
   */
  public TransferRun(
      BenchServer server,
      Path scratch,
      TransferOptions options,
      Ceilings ceilings,
      Cli cli,
      Optional<StoreCeiling> storeCeiling) {
    this.client = server.client();
    this.serverPid = server.pid();
    this.scratch = scratch;
    this.options = options;
    this.ceilings = ceilings;
    this.cli = cli;
    this.cliAlone = cli.withoutDaemon();
    this.curl = server.curl(options.parallelism());
    this.database = server.databaseCpu();
    this.storeCeiling = storeCeiling;
    storeCeiling.ifPresent(store -> operations.addAll(store.operations()));
  }

  /**
   * Two lines per measured workload: the CPU a {@code CLI put} and a {@code CLI fileset get} took
   * on each side, and the fastest each could be on this machine's cores if all overlapped.
   */
  public List<String> cpuNotes() {
    return List.copyOf(notes);
  }

  /** The command line this run times. */
  public Cli cli() {
    return cli;
  }

  /** Measures the workload {@code runs} times; one measurement per operation. */
  public List<Measurement> measure(Workload workload, String tag, int runs)
      throws IOException, InterruptedException {
    List<List<Long>> nanos = new ArrayList<>();
    for (int i = 0; i < operations.size(); i++) {
      nanos.add(new ArrayList<>());
    }
    List<CommandCpu> putCpu = new ArrayList<>();
    List<CommandCpu> getCpu = new ArrayList<>();
    List<Path> copies = new ArrayList<>();
    for (int run = 1; run <= runs; run++) {
      workload.perturb(run);
      String id = tag + "-" + run;
      Path cp = scratch.resolve("cp-" + id);
      Path cpSync = scratch.resolve("cp-sync-" + id);
      Path into = scratch.resolve("download-" + id);
      nanos.get(0).add(time(() -> copy(workload, cp)));
      nanos.get(1).add(time(() -> copySync(workload, cpSync)));
      Path cliInto = Files.createDirectories(scratch.resolve("cli-" + id));
      nanos
          .get(2)
          .add(timeCli(() -> cli.put(workload.dir(), "/cli/" + id + "/", "cli-" + id), putCpu));
      nanos.get(3).add(timeCli(() -> cli.getFileSet("cli-" + id, cliInto), getCpu));
      check(workload, cliInto.resolve("cli/" + id));
      workload.perturb(run + 2000);
      Path aloneInto = timeCliAlone(workload, id, nanos);
      // New content again, so that the SDK's upload finds none of it stored.
      workload.perturb(run + 1000);
      FilesList[] uploaded = new FilesList[1];
      nanos.get(6).add(time(() -> uploaded[0] = upload(workload, "/bench/" + id + "/")));
      Files.createDirectories(into);
      nanos.get(7).add(time(() -> download(uploaded[0], into)));
      check(workload, into);
      Path curled = Files.createDirectories(scratch.resolve("curl-" + id));
      Path config = curl.prepare(uploaded[0], curled);
      nanos.get(8).add(time(() -> curl.run(config)));
      check(workload, curled);
      Path raw = Files.createDirectories(scratch.resolve("raw-" + id));
      timeCeilings(workload, raw, nanos);
      Files.delete(config);
      copies.addAll(List.of(cp, cpSync, into, curled, raw, cliInto, aloneInto));
      // Many small files are deleted after the last run: ext4 allocates inodes slowly in groups
      // that were just freed (recently_deleted), which made every later copy's time swing.
      if (workload.files().size() == 1) {
        deleteAll(copies);
      }
    }
    deleteAll(copies);
    deleteAll(leftovers);
    leftovers.clear();
    List<Measurement> measurements = measurements(workload, nanos);
    addCpuNotes(workload, measurements, putCpu, getCpu);
    return measurements;
  }

  /**
   * Times the ceilings into {@code nanos} 9 to 13 and the store's after them; the raw download goes
   * to {@code raw}.
   */
  private void timeCeilings(Workload workload, Path raw, List<List<Long>> nanos)
      throws IOException, InterruptedException {
    nanos.get(9).add(time(() -> ceilings.put(workload.files())));
    nanos.get(10).add(time(() -> ceilings.get(workload.files(), raw)));
    nanos.get(11).add(time(() -> ceilings.sha256(workload.files())));
    // The command line's floor: starting and ending the JVM and the command tree.
    nanos.get(12).add(time(cli::version));
    Path direct = raw.resolveSibling(raw.getFileName() + ".direct");
    nanos.get(13).add(time(() -> DiskCeiling.writeDirect(workload.files(), direct)));
    Files.delete(direct);
    if (storeCeiling.isPresent()) {
      List<Long> store = storeCeiling.get().measure(workload.files());
      for (int i = 0; i < store.size(); i++) {
        nanos.get(OPERATIONS.length + i).add(store.get(i));
      }
    }
  }

  private List<Measurement> measurements(Workload workload, List<List<Long>> nanos) {
    List<Measurement> measurements = new ArrayList<>();
    for (int i = 0; i < operations.size(); i++) {
      measurements.add(
          new Measurement(
              workload.name(),
              operations.get(i),
              workload.files().size(),
              workload.bytes(),
              nanos.get(i)));
    }
    return measurements;
  }

  /**
   * Times {@code acai put} and {@code acai fileset get} of the workload without the resident client
   * into {@code nanos} 4 and 5; returns where it downloaded to.
   */
  private Path timeCliAlone(Workload workload, String id, List<List<Long>> nanos)
      throws IOException, InterruptedException {
    Path into = Files.createDirectories(scratch.resolve("cli-alone-" + id));
    nanos.get(4).add(time(() -> cliAlone.put(workload.dir(), "/alone/" + id + "/", "alone-" + id)));
    nanos.get(5).add(time(() -> cliAlone.getFileSet("alone-" + id, into)));
    check(workload, into.resolve("alone/" + id));
    return into;
  }

  /** The CPU lines of a workload's CLI put and fileset get. */
  private void addCpuNotes(
      Workload workload,
      List<Measurement> measurements,
      List<CommandCpu> putCpu,
      List<CommandCpu> getCpu) {
    Measurement sha256 = measurements.get(11);
    notes.add(
        cpuNote(
            workload,
            "CLI put",
            putCpu,
            measurements.get(2),
            String.format(
                "%.0f %% of the SHA-256 pass",
                100 * workload.bytes() / 1e6 / bound(putCpu) / sha256.megabytesPerSecond())));
    notes.add(
        cpuNote(
            workload,
            "CLI fileset get",
            getCpu,
            measurements.get(3),
            String.format("cp -r took %.2f s", measurements.get(0).seconds())));
  }

  /**
   * The CPU one command took: client (command line and resident client), server JVM, PostgreSQL.
   */
  private record CommandCpu(double client, double server, double postgres) {}

  /** Times a command of the command line; adds the CPU it took on each side to {@code cpu}. */
  private long timeCli(Action command, List<CommandCpu> cpu)
      throws IOException, InterruptedException {
    long daemon = cli.daemonPid().orElse(-1);
    return time(
        () -> {
          // Inside the timed action: the sync before it is a child process too.
          CpuTimes before = CpuTimes.now(serverPid, daemon);
          double databaseBefore = database.seconds();
          command.run();
          CpuTimes used = CpuTimes.now(serverPid, daemon).since(before);
          cpu.add(
              new CommandCpu(used.client(), used.server(), database.seconds() - databaseBefore));
        });
  }

  /** The least time the median CPU of {@code runs} needs on this machine's cores. */
  private static double bound(List<CommandCpu> runs) {
    return (median(runs.stream().map(CommandCpu::client).toList())
            + median(runs.stream().map(CommandCpu::server).toList())
            + median(runs.stream().map(CommandCpu::postgres).toList()))
        / Runtime.getRuntime().availableProcessors();
  }

  /**
   * The median CPU of a command's runs (client, server JVM, PostgreSQL) and the bound it sets on
   * this machine's cores: no overlap of the three can finish sooner.
   */
  private static String cpuNote(
      Workload workload,
      String operation,
      List<CommandCpu> runs,
      Measurement measured,
      String comparison) {
    double bound = bound(runs);
    return String.format(
        "%s %s: CPU client (command line and resident client) %.2f s + server JVM %.2f s"
            + " + PostgreSQL %.2f s = at least %.2f s on %d cores (%.0f MB/s, %s); it took %.2f s",
        workload.name(),
        operation,
        median(runs.stream().map(CommandCpu::client).toList()),
        median(runs.stream().map(CommandCpu::server).toList()),
        median(runs.stream().map(CommandCpu::postgres).toList()),
        bound,
        Runtime.getRuntime().availableProcessors(),
        workload.bytes() / 1e6 / bound,
        comparison,
        measured.seconds());
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Uploads and downloads without reporting, so that the JIT has seen the code paths. */
  public void warmUp(Workload workload) throws IOException, InterruptedException {
    // Fresh folders each time: a second server (the S3 block) warms up in the same scratch dir.
    Path into = Files.createDirectories(scratch.resolve("warm-up"));
    download(upload(workload, "/warm-up/"), into);
    // The first command records the launcher's class-data archive, as a user's first command does.
    cli.put(workload.dir(), "/warm-up-cli/", "warm-up-cli");
    Path cliInto = Files.createDirectories(scratch.resolve("warm-up-cli"));
    cli.getFileSet("warm-up-cli", cliInto);
    // The first command started the resident client in the background: let it come up.
    for (int i = 0; i < 100 && cli.daemonPid().isEmpty(); i++) {
      Thread.sleep(100);
    }
    cliAlone.put(workload.dir(), "/warm-up-alone/", "warm-up-alone");
    Path raw = Files.createDirectories(scratch.resolve("warm-up-raw"));
    ceilings.put(workload.files());
    ceilings.get(workload.files(), raw);
    ceilings.sha256(workload.files());
    for (Path done : List.of(into, cliInto, raw)) {
      Shell.delete(done);
    }
  }

  /**
   * Runs {@code rounds} untimed {@code acai put} and {@code acai fileset get} of the workload, new
   * content each time, so that the measured runs meet a server as it runs for its users: its JIT
   * done with the paths they take. (A fresh server's C2 compiler spent 0.4-0.8 s of CPU in each of
   * its first ten 10k-file puts here, more than the server's own work.) The downloads stay until
   * the measured runs' copies are deleted: deleting many files just before {@code cp -r} would slow
   * the baseline (see {@link #measure}).
   *
   * @return each round's seconds, put and get
   */
  public List<String> warmServer(Workload workload, int rounds)
      throws IOException, InterruptedException {
    List<String> seconds = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      workload.perturb(round + 5000);
      String id = "warm-server-" + round;
      Path into = Files.createDirectories(scratch.resolve(id));
      leftovers.add(into);
      long put = time(() -> cli.put(workload.dir(), "/" + id + "/", id));
      long get = time(() -> cli.getFileSet(id, into));
      seconds.add(String.format("%.2f/%.2f", put / 1e9, get / 1e9));
    }
    return seconds;
  }

  private FilesList upload(Workload workload, String remoteDir) {
    FilesList pairs =
        client
            .files()
            .convertToFileMapping(List.of(workload.dir().toString()), remoteDir)
            .filesToUpload();
    return client.files().upload(pairs, null, options);
  }

  private void download(FilesList uploaded, Path into) {
    Map<String, String> remoteToLocal = new LinkedHashMap<>();
    for (FilePair pair : uploaded) {
      remoteToLocal.put(pair.remote(), into.toString());
    }
    client.files().download(remoteToLocal, options);
  }

  private static void copy(Workload workload, Path target)
      throws IOException, InterruptedException {
    Shell.run("cp", "-r", workload.dir().toString(), target.toString());
  }

  private static void copySync(Workload workload, Path target)
      throws IOException, InterruptedException {
    copy(workload, target);
    Shell.sync();
  }

  private static void deleteAll(List<Path> copies) throws IOException {
    for (Path copy : copies) {
      Shell.delete(copy);
    }
    copies.clear();
  }

  private static void check(Workload workload, Path into) throws IOException {
    for (Path file : workload.files()) {
      Path copy = into.resolve(file.getFileName());
      if (Files.mismatch(copy, file) != -1) {
        throw new IllegalStateException("Downloaded " + copy + " differs from " + file);
      }
    }
  }

  @FunctionalInterface
  private interface Action {
    void run() throws IOException, InterruptedException;
  }

  /** Times an action after flushing dirty pages, so that it does not pay for earlier writes. */
  private static long time(Action action) throws IOException, InterruptedException {
    Shell.sync();
    long start = System.nanoTime();
    action.run();
    return System.nanoTime() - start;
  }
}
