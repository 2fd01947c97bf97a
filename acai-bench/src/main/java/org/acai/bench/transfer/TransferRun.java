package org.acai.bench.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.FilePair;
import org.acai.sdk.FilesList;
import org.acai.sdk.transfer.TransferOptions;

/** Times {@code cp -r}, an SDK upload and an SDK download of one workload on the same disk. */
public final class TransferRun {
  private final AcaiClient client;
  private final Path scratch;
  private final TransferOptions options;

  /** Runs against {@code client}, writing copies under {@code scratch}. */
  public TransferRun(AcaiClient client, Path scratch, TransferOptions options) {
    this.client = client;
    this.scratch = scratch;
    this.options = options;
  }

  /** Measures the workload: cp -r, cp -r then sync, SDK upload, SDK download. */
  public List<Measurement> measure(Workload workload, String tag)
      throws IOException, InterruptedException {
    Measurement cp = time(workload, "cp -r", () -> copy(workload, scratch.resolve("cp-" + tag)));
    Measurement cpSync =
        time(
            workload,
            "cp -r; sync",
            () -> {
              copy(workload, scratch.resolve("cp-sync-" + tag));
              Shell.sync();
            });
    FilesList[] uploaded = new FilesList[1];
    Measurement upload =
        time(workload, "SDK upload", () -> uploaded[0] = upload(workload, "/bench/" + tag + "/"));
    Path into = Files.createDirectories(scratch.resolve("download-" + tag));
    Measurement download = time(workload, "SDK download", () -> download(uploaded[0], into));
    check(workload, into);
    return List.of(cp, cpSync, upload, download);
  }

  /** Uploads and downloads without reporting, so that the JIT has seen the code paths. */
  public void warmUp(Workload workload) throws IOException {
    Path into = Files.createDirectories(scratch.resolve("warm-up"));
    download(upload(workload, "/warm-up/"), into);
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

  private static void check(Workload workload, Path into) throws IOException {
    for (Path file : workload.files()) {
      Path copy = into.resolve(file.getFileName());
      if (Files.size(copy) != Files.size(file)) {
        throw new IllegalStateException("Downloaded " + copy + " has the wrong size");
      }
    }
  }

  @FunctionalInterface
  private interface Action {
    void run() throws IOException, InterruptedException;
  }

  private static Measurement time(Workload workload, String operation, Action action)
      throws IOException, InterruptedException {
    Shell.sync();
    long start = System.nanoTime();
    action.run();
    long nanos = System.nanoTime() - start;
    return new Measurement(
        workload.name(), operation, workload.files().size(), workload.bytes(), nanos);
  }
}
