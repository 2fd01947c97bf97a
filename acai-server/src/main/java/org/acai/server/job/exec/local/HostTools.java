package org.acai.server.job.exec.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.acai.server.job.exec.JobUser;

/**
 * The helper programs found on this machine; a null path means absent (or, for bubblewrap, not
 * working here).
 *
 * @param bwrap bubblewrap, if it ran a probe command successfully
 * @param bwrapVersion its version line, e.g. {@code bubblewrap 0.8.0}
 * @param prlimit util-linux prlimit, to lower rlimits before the job starts
 * @param setsid util-linux setsid, to give a plain job its own process group
 * @param setpriv util-linux setpriv, to run a job as its own uid without capabilities
 */
record HostTools(Path bwrap, String bwrapVersion, Path prlimit, Path setsid, Path setpriv) {
  /** Environment variable naming the bubblewrap program, when not the one on the PATH. */
  static final String BWRAP_ENV = "ACAI_BWRAP";

  static HostTools probe(
      SandboxMode mode, Map<String, String> env, JobUser probeUser, StringBuilder problems) {
    Path prlimit = find("prlimit");
    Path setsid = find("setsid");
    Path setpriv = find("setpriv");
    HostTools without = new HostTools(null, null, prlimit, setsid, setpriv);
    if (mode == SandboxMode.NONE) {
      return without;
    }
    String named = env.get(BWRAP_ENV);
    Path bwrap = named == null ? find("bwrap") : Path.of(named);
    if (bwrap == null || !Files.isExecutable(bwrap)) {
      problems.append("bubblewrap is not installed").append(named == null ? "" : " at " + named);
      return without;
    }
    if (probeUser.dedicated() && setpriv == null) {
      problems.append("setpriv (util-linux) is not installed");
      return without;
    }
    HostTools tools = new HostTools(bwrap, "bubblewrap", prlimit, setsid, setpriv);
    Path dir = probeDir(probeUser);
    try {
      ProbeResult result =
          run(BwrapCommand.argv(tools, dir, probeUser, false, List.of("/bin/true")));
      if (result.code() != 0) {
        problems.append("bubblewrap does not work here (exit code ").append(result.code());
        problems.append("): ").append(result.output());
        return without;
      }
    } finally {
      dir.toFile().delete();
    }
    ProbeResult version = run(List.of(bwrap.toString(), "--version"));
    return new HostTools(
        bwrap, version.code() == 0 ? version.output() : "bubblewrap", prlimit, setsid, setpriv);
  }

  private static Path probeDir(JobUser user) {
    try {
      Path dir = Files.createTempDirectory("acai-probe");
      Files.setAttribute(dir, "unix:uid", user.uid());
      Files.setAttribute(dir, "unix:gid", user.gid());
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the sandbox probe's directory", e);
    }
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
