package org.acai.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.acai.api.identity.CreateProjectResponse;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.ProjectClient;
import org.acai.sdk.transfer.FilePair;
import org.acai.sdk.transfer.TransferListener;
import org.acai.server.AcaiServer;
import org.acai.server.config.ServerConfig;

/**
 * Upload and download through the Java SDK against a local server on embedded defaults, next to
 * {@code cp -r} of the same files on the same disk in the same run: many small files and one big
 * file.
 *
 * <p>Usage: {@code ./bench TransferBench [small-files=10000] [small-kib=4] [big-mib=1024]}.
 */
public final class TransferBench {
  private TransferBench() {}

  /** Runs the benchmark and prints the table. */
  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int kib = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int bigMib = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
    Path work = Files.createTempDirectory("acai-transfer-bench");
    Path small = generateSmall(work.resolve("small"), count, kib * 1024);
    Path big = generateBig(work.resolve("big/big.bin"), bigMib);
    ServerConfig config =
        ServerConfig.fromEnv(System.getenv()).withHome(work.resolve("home")).withPorts(0, null);
    try (AcaiServer server = AcaiServer.start(config)) {
      AcaiClient client = login(server, work);
      Table table = new Table();
      measureSmall(table, client, small, work, count, (long) count * kib * 1024);
      measureBig(table, client, big, work, (long) bigMib << 20);
      table.print();
    } finally {
      exec("rm", "-rf", work.toString());
    }
  }

  private static void measureSmall(
      Table table, AcaiClient client, Path small, Path work, int count, long bytes)
      throws Exception {
    double cp =
        time(() -> exec("cp", "-r", small.toString(), work.resolve("small-copy").toString()));
    List<FilePair> pairs =
        client.files().convertToFileMapping(List.of(small.toString()), "/small/").filesToUpload();
    double up =
        time(() -> client.files().upload(pairs, null, TransferListener.NONE).asNewFileSet("small"));
    Path into = Files.createDirectories(work.resolve("small-down"));
    double down =
        time(() -> client.fileSets().downloadFileSet("small", into, false, TransferListener.NONE));
    table.row(count + " x " + (bytes / count / 1024) + " KiB: cp -r", cp, bytes, count, cp);
    table.row("  SDK upload (session + PUTs + set)", up, bytes, count, cp);
    table.row("  SDK download (file set)", down, bytes, count, cp);
  }

  private static void measureBig(Table table, AcaiClient client, Path big, Path work, long bytes)
      throws Exception {
    double cp = time(() -> exec("cp", big.toString(), work.resolve("big-copy.bin").toString()));
    double up =
        time(
            () ->
                client
                    .files()
                    .upload(
                        List.of(new FilePair(big.toString(), "/big.bin")),
                        null,
                        TransferListener.NONE));
    Path target = work.resolve("big-down.bin");
    double down =
        time(() -> client.files().download(java.util.Map.of("/big.bin", target.toString())));
    table.row("1 x " + (bytes >> 20) + " MiB: cp", cp, bytes, 1, cp);
    table.row("  SDK upload", up, bytes, 1, cp);
    table.row("  SDK download", down, bytes, 1, cp);
  }

  private static AcaiClient login(AcaiServer server, Path work) throws IOException {
    String admin = Files.readString(work.resolve("home/admin-token")).strip();
    CreateProjectResponse project =
        new ProjectClient(server.url()).createProject("bench", admin, "bench");
    return AcaiClient.connect(server.url(), project.projectAdminToken());
  }

  private static Path generateSmall(Path dir, int count, int size) throws IOException {
    Random random = new Random(1);
    byte[] buffer = new byte[size];
    for (int i = 0; i < count; i++) {
      Path file = dir.resolve("d" + (i / 1000)).resolve("f" + i + ".bin");
      Files.createDirectories(file.getParent());
      random.nextBytes(buffer);
      Files.write(file, buffer);
    }
    return dir;
  }

  private static Path generateBig(Path file, int mib) throws IOException {
    Files.createDirectories(file.getParent());
    Random random = new Random(2);
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < mib; i++) {
        random.nextBytes(chunk);
        out.write(chunk);
      }
    }
    return file;
  }

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  private static double time(Step step) throws Exception {
    exec("sync");
    long start = System.nanoTime();
    step.run();
    exec("sync");
    return (System.nanoTime() - start) / 1e9;
  }

  private static void exec(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).inheritIO().start();
    if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IOException("Failed: " + String.join(" ", command));
    }
  }

  /** The printed result. */
  private static final class Table {
    private final List<String> rows = new ArrayList<>();

    void row(String what, double seconds, long bytes, int files, double cpSeconds) {
      rows.add(
          String.format(
              "| %-38s | %8.2f s | %9.1f MB/s | %10.0f files/s | %6.2fx cp |",
              what, seconds, bytes / 1e6 / seconds, files / seconds, seconds / cpSeconds));
    }

    void print() {
      System.out.println(
          "| transfer                               |     time |    throughput |          files |  vs cp    |");
      System.out.println(
          "|----------------------------------------|----------|---------------|----------------|-----------|");
      rows.forEach(System.out::println);
    }
  }
}
