package org.acai.server.job.exec.local;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The helper programs found on this machine; a null path means absent (or, for bubblewrap, not
 * working here).
 *
 * @param bwrap bubblewrap, if it ran a probe command successfully
 * @param bwrapVersion its version line, e.g. {@code bubblewrap 0.8.0}
 * @param prlimit util-linux prlimit, to lower rlimits before the job starts
 * @param setsid util-linux setsid, to give a plain job its own process group
 */
record HostTools(Path bwrap, String bwrapVersion, Path prlimit, Path setsid) {
  /** Bubblewrap options shared by the probe and real jobs; the work dir is bound after them. */
  static final List<String> BWRAP_OPTIONS =
      List.of(
          "--ro-bind",
          "/",
          "/",
          "--dev",
          "/dev",
          "--proc",
          "/proc",
          "--tmpfs",
          "/tmp",
          "--unshare-pid",
          "--unshare-ipc",
          "--die-with-parent",
          "--new-session",
          // Run as root, bwrap keeps every capability, and CAP_SYS_ADMIN could remount / writable.
          "--cap-drop",
          "ALL");

  static HostTools probe(SandboxMode mode, StringBuilder problems) {
    Path prlimit = find("prlimit");
    Path setsid = find("setsid");
    if (mode == SandboxMode.NONE) {
      return new HostTools(null, null, prlimit, setsid);
    }
    Path bwrap = find("bwrap");
    if (bwrap == null) {
      problems.append("bubblewrap is not installed");
      return new HostTools(null, null, prlimit, setsid);
    }
    List<String> probe = new ArrayList<>(List.of(bwrap.toString()));
    probe.addAll(BWRAP_OPTIONS);
    probe.addAll(List.of("--", "/bin/true"));
    ProbeResult result = run(probe);
    if (result.code() != 0) {
      problems.append("bubblewrap does not work here (exit code ").append(result.code());
      problems.append("): ").append(result.output());
      return new HostTools(null, null, prlimit, setsid);
    }
    ProbeResult version = run(List.of(bwrap.toString(), "--version"));
    return new HostTools(
        bwrap, version.code() == 0 ? version.output() : "bubblewrap", prlimit, setsid);
  }

  private static Path find(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
    dirs.addAll(List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"));
    for (String dir : dirs) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (candidate.isAbsolute() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Runs a probe command; code -1 when it could not run or did not finish in time. */
  private static ProbeResult run(List<String> command) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new ProbeResult(-1, "no answer within 10 s");
      }
      return new ProbeResult(process.exitValue(), output.trim());
    } catch (IOException e) {
      return new ProbeResult(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ProbeResult(-1, "interrupted");
    }
  }

  private record ProbeResult(int code, String output) {}
}
