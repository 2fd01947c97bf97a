package org.acai.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.acai.bench.transfer.BenchServer;
import org.acai.bench.transfer.Ceilings;
import org.acai.bench.transfer.Cli;
import org.acai.bench.transfer.Measurement;
import org.acai.bench.transfer.NamespaceRun;
import org.acai.bench.transfer.S3Ceilings;
import org.acai.bench.transfer.Shell;
import org.acai.bench.transfer.StoreCeiling;
import org.acai.bench.transfer.Table;
import org.acai.bench.transfer.TransferRun;
import org.acai.bench.transfer.Workload;
import org.acai.sdk.transfer.TransferOptions;
import org.acai.testkit.s3.S3ProxyExtension;

/**
 * Upload and download throughput of the command line and the Java SDK against a local server
 * started as a user starts it, in a process of its own (embedded PostgreSQL, local blob store;
 * {@link BenchServer}), side by side with {@code cp -r} of the same files on the same disk. Prints
 * a table; targets: a CLI upload of many small files within {@code cp -r; sync}, their download
 * within {@code cp -r}, one big file uploaded at 70% or more of one SHA-256 pass and downloaded at
 * 90% or more of {@code curl}. Also prints ceilings: the same files through a trivial HTTP handler,
 * one SHA-256 pass, and their bytes written durably into one file with direct I/O (the disk's bound
 * on storing them, {@code direct write; fsync}); on S3Proxy also a {@code curl} PUT of the file to
 * a presigned URL of the bucket and S3Proxy's server-side copy of it, the two steps an ACAI upload
 * to S3 cannot skip. The server is warmed first by untimed CLI rounds of the small workload, as a
 * server that has run for a while is. Options: {@code --small-files N}, {@code --small-size BYTES},
 * {@code --big-size BYTES}, {@code --parallelism N}, {@code --runs N} (median reported, default 3),
 * {@code --dir DIR} (default: a temporary folder), {@code --keep}, {@code --no-s3} (skip the big
 * file on S3Proxy), {@code --namespace-files N} (also one run of a directory of N small files:
 * upload with peak memory, directory pages, {@code acai ls}).
 */
public final class TransferBench {
  /** The heap of the namespace run's server of its own. */
  private static final String ALONE_HEAP = "256m";

  /**
   * Untimed rounds of the small workload before it is measured ({@link TransferRun#warmServer}).
   */
  private static final int SERVER_WARM_ROUNDS = 8;

  private TransferBench() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    // Before the first logger exists: S3Proxy's and the SDK's lines would drown the table.
    System.setProperty("ACAI_LOG_LEVEL", "WARN");
    int smallFiles = Integer.parseInt(option(args, "--small-files", "10000"));
    long smallSize = Long.parseLong(option(args, "--small-size", "4096"));
    long bigSize = Long.parseLong(option(args, "--big-size", Long.toString(1L << 30)));
    int parallelism = Integer.parseInt(option(args, "--parallelism", "8"));
    int runs = Integer.parseInt(option(args, "--runs", "3"));
    String dir = option(args, "--dir", null);
    int namespaceFiles = Integer.parseInt(option(args, "--namespace-files", "0"));
    Path root =
        dir == null
            ? Files.createTempDirectory("acai-transfer-bench")
            : Files.createDirectories(Path.of(dir));
    try {
      Workload small =
          Workload.generate(
              smallFiles + " x " + smallSize / 1024 + " KiB",
              root.resolve("small"),
              smallFiles,
              smallSize);
      Workload big = Workload.generate("1 x " + size(bigSize), root.resolve("big"), 1, bigSize);
      Workload warm = Workload.generate("warm-up", root.resolve("warm"), 200, smallSize);
      List<List<Measurement>> blocks = new ArrayList<>();
      List<String> namespace = List.of();
      List<String> cpu = new ArrayList<>();
      Path cliJar = Path.of(option(args, "--cli", "acai-cli/target/acai.jar"));
      try (BenchServer server = server(cliJar, root, "server", Map.of(), List.of());
          Ceilings ceilings = new Ceilings(parallelism)) {
        TransferRun run = run(server, root, parallelism, ceilings, cliJar, Optional.empty());
        run.warmUp(warm);
        List<String> warmRounds = run.warmServer(small, SERVER_WARM_ROUNDS);
        cpu.add(
            String.format(
                "server warm-up before the measured runs: %d untimed CLI put / fileset get rounds"
                    + " of the %s workload took %s s",
                SERVER_WARM_ROUNDS, small.name(), String.join(", ", warmRounds)));
        blocks.add(run.measure(small, "small", runs));
        blocks.add(run.measure(big, "big", runs));
        cpu.addAll(run.cpuNotes());
        if (!List.of(args).contains("--no-s3")) {
          blocks.add(measureOnS3(root, parallelism, ceilings, cliJar, warm, big, runs));
        }
        namespace = namespace(namespaceFiles, smallSize, root, server, run.cli(), cliJar);
        run.cli().stopDaemon();
      }
      System.out.printf(
          "%nACAI TransferBench: %d cores, parallelism %d, median of %d runs, data in %s%n%n",
          Runtime.getRuntime().availableProcessors(), parallelism, runs, root);
      Table.print(System.out, blocks);
      cpu.forEach(line -> System.out.println("cpu: " + line));
      namespace.forEach(line -> System.out.println("namespace: " + line));
    } finally {
      if (!List.of(args).contains("--keep")) {
        Shell.delete(root);
      }
    }
  }

  private static TransferRun run(
      BenchServer server,
      Path root,
      int parallelism,
      Ceilings ceilings,
      Path cliJar,
      Optional<StoreCeiling> storeCeiling)
      throws IOException {
    return new TransferRun(
        server,
        root,
        TransferOptions.builder().parallelism(parallelism).build(),
        ceilings,
        new Cli(cliJar, server.cliEnvironment(), root.resolve("cli.log")),
        storeCeiling);
  }

  /**
   * The big workload again against a server whose blob store is S3 (S3Proxy in this JVM), with
   * S3Proxy's own ceilings: a {@code curl} PUT of the file and a server-side copy.
   */
  private static List<Measurement> measureOnS3(
      Path root,
      int parallelism,
      Ceilings ceilings,
      Path cliJar,
      Workload warm,
      Workload big,
      int runs)
      throws IOException, InterruptedException {
    try (S3ProxyExtension s3 = new S3ProxyExtension()) {
      s3.start();
      try (BenchServer server = server(cliJar, root, "s3-server", s3.acaiEnv("bench/"), List.of());
          S3Ceilings direct = new S3Ceilings(s3, root, parallelism)) {
        TransferRun run = run(server, root, parallelism, ceilings, cliJar, Optional.of(direct));
        run.warmUp(warm);
        return run.measure(big.renamed(big.name() + " S3"), "big-s3", runs);
      }
    }
  }

  /** One run of a directory of {@code files} small files; no lines when {@code files} is 0. */
  private static List<String> namespace(
      int files, long size, Path root, BenchServer server, Cli cli, Path cliJar)
      throws IOException, InterruptedException {
    if (files <= 0) {
      return List.of();
    }
    Workload wide =
        Workload.generate(files + " x " + size / 1024 + " KiB", root.resolve("wide"), files, size);
    List<String> lines = new ArrayList<>(new NamespaceRun(server, cli).measure(wide, root).lines());
    lines.add(alone(cliJar, root, cli, wide));
    return lines;
  }

  /**
   * The same upload into a second server of its own process, started with a heap of {@value
   * #ALONE_HEAP}: the server's peak memory under a capped heap (the first one runs with the JVM's
   * default heap, a quarter of this machine's memory).
   */
  private static String alone(Path cliJar, Path root, Cli cli, Workload wide)
      throws IOException, InterruptedException {
    try (BenchServer alone =
        server(cliJar, root, "alone", Map.of(), List.of("-Xmx" + ALONE_HEAP))) {
      Cli user = cli.forServer(alone.cliEnvironment());
      long before = alone.peakRss();
      long start = System.nanoTime();
      user.putPeakRss(wide.dir(), "/ns/");
      double seconds = (System.nanoTime() - start) / 1e9;
      return String.format(
          "server as its own process (./acai server, ACAI_JAVA_OPTS=-Xmx%s): acai put of the %d"
              + " files %.2f s; its JVM's peak RSS %d MiB once started, %d MiB after the upload"
              + " (PostgreSQL's processes not counted)",
          ALONE_HEAP, wide.files().size(), seconds, before >> 20, alone.peakRss() >> 20);
    }
  }

  /**
   * Starts the command line's server as its own process, its home {@code NAME-home} and its output
   * {@code NAME.log} in {@code root}.
   */
  private static BenchServer server(
      Path cliJar, Path root, String name, Map<String, String> env, List<String> javaOptions)
      throws IOException {
    return BenchServer.start(
        cliJar, root.resolve(name + "-home"), env, javaOptions, root.resolve(name + ".log"));
  }

  private static String size(long bytes) {
    return bytes % (1L << 30) == 0 ? bytes / (1L << 30) + " GiB" : bytes / (1L << 20) + " MiB";
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
