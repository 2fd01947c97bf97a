package org.acai.server.job.exec.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.ServiceFailureException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts job commands as isolated and limited as this machine allows. {@link #detect()} finds out
 * once what that is; {@link #describe()} says it in words.
 *
 * <p>Isolation: with bubblewrap, the job sees the whole file system read-only except its work dir
 * and a private {@code /tmp}, runs in its own pid and IPC namespaces without capabilities, and dies
 * with the server. The network stays shared, as jobs talk to the server. Without bubblewrap the job
 * is a plain process in its work dir, in its own session.
 *
 * <p>Limits: cgroup v1 memory (swap included), pids and CPU quota when those controllers are
 * writable (a job joins the memory and cpu cgroups only when it has such a limit); else an
 * address-space rlimit for memory and, for non-root servers, a process rlimit. The job's first
 * process starts in its cgroups. Every job gets the wall-clock timeout of its spec. Thread-safe:
 * one sandbox serves every job.
 */
public final class Sandbox {
  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
  private static final String DEFAULT_PATH =
      "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin";

  private final HostTools tools;
  private final CgroupV1 cgroups;
  private final long uid;

  /**
   * The bubblewrap options every sandboxed job gets before its working directory is bound (for
   * baselines that measure bubblewrap alone).
   */
  public static List<String> bubblewrapOptions() {
    return HostTools.BWRAP_OPTIONS;
  }

  private Sandbox(HostTools tools, CgroupV1 cgroups, long uid) {
    this.tools = tools;
    this.cgroups = cgroups;
    this.uid = uid;
  }

  /**
   * Probes this machine in the mode set by {@code acai.sandbox} / {@code ACAI_SANDBOX}.
   *
   * @throws InvalidRequestException if that setting names no mode
   */
  public static Sandbox detect() {
    return detect(SandboxMode.fromEnvironment());
  }

  /** Probes this machine: is bubblewrap installed and working, which cgroups are writable. */
  public static Sandbox detect(SandboxMode mode) {
    StringBuilder problems = new StringBuilder();
    HostTools tools = HostTools.probe(mode, problems);
    CgroupV1 cgroups = mode == SandboxMode.NONE ? CgroupV1.none() : CgroupV1.probe();
    Sandbox sandbox = new Sandbox(tools, cgroups, ProcFs.ownUid());
    if (tools.bwrap() == null) {
      String why = mode == SandboxMode.NONE ? SandboxMode.PROPERTY + "=none" : problems.toString();
      LOG.warn("Jobs run without a sandbox ({}): {}", why, sandbox.describe());
    } else {
      LOG.info("Job sandbox: {}", sandbox.describe());
    }
    return sandbox;
  }

  /** What jobs get here, e.g. {@code bubblewrap 0.8.0 (...) + cgroup v1 (memory, pids, cpu)}. */
  public String describe() {
    String isolation =
        tools.bwrap() == null
            ? "plain process (no isolation)"
            : tools.bwrapVersion()
                + " (read-only root, private /tmp, own pid namespace, shared network)";
    List<String> parts = new ArrayList<>(List.of(isolation));
    if (!cgroups.isEmpty()) {
      parts.add(cgroups.describe());
    }
    List<String> rlimits = new ArrayList<>();
    if (tools.prlimit() != null && !cgroups.has("memory")) {
      rlimits.add("address space");
    }
    if (tools.prlimit() != null && !cgroups.has("pids") && uid != 0) {
      rlimits.add("processes");
    }
    if (!rlimits.isEmpty()) {
      parts.add("rlimits via prlimit (" + String.join(", ", rlimits) + ")");
    }
    if (parts.size() == 1) {
      parts.add("no resource limits besides the timeout");
    }
    return String.join(" + ", parts);
  }

  @Override
  public String toString() {
    return describe();
  }

  /**
   * Removes this sandbox's own cgroup directories once no job uses them (at server shutdown); what
   * is still being torn down is swept by the next server's {@link #detect()}.
   */
  public void release() {
    cgroups.release();
  }

  /** Whether jobs run under bubblewrap. */
  public boolean isIsolated() {
    return tools.bwrap() != null;
  }

  /** Whether job memory is limited by a cgroup (so going past it is an OOM kill). */
  public boolean hasMemoryCgroup() {
    return cgroups.has("memory");
  }

  /**
   * Starts {@code /bin/bash -c command} in the sandbox; output goes to {@code sink} line by line.
   *
   * @throws InvalidRequestException if the work dir does not exist
   * @throws ServiceFailureException if the cgroups or the process cannot be created
   */
  public RunningProcess start(SandboxSpec spec, LineSink sink) {
    Path work = realDirectory(spec.workDir());
    JobCgroup cgroup = cgroups.isEmpty() ? null : JobCgroup.create(cgroups, spec);
    long rlimitMemory = tools.prlimit() != null && !cgroups.has("memory") ? spec.memoryBytes() : 0;
    ProcessBuilder builder =
        new ProcessBuilder(commandLine(spec, work, rlimitMemory))
            .directory(work.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = builder.environment();
    // The server's environment may hold secrets: the job starts from a clean one.
    env.clear();
    env.put("PATH", System.getenv().getOrDefault("PATH", DEFAULT_PATH));
    env.put("HOME", work.toString());
    env.put("LANG", "C.UTF-8");
    env.put("TMPDIR", "/tmp");
    env.putAll(spec.env());
    Process process;
    try {
      process = cgroup == null ? builder.start() : cgroup.spawnInside(builder::start);
    } catch (IOException e) {
      if (cgroup != null) {
        cgroup.remove();
      }
      throw new ServiceFailureException(e, "Cannot start job %s: %s", spec.name(), e.getMessage());
    }
    long group = tools.bwrap() == null && tools.setsid() != null ? process.pid() : -1;
    Terminator terminator = new Terminator(process.toHandle(), cgroup, group, tools.bwrap());
    return RunningProcess.start(process, spec, cgroup, terminator, rlimitMemory, sink);
  }

  private List<String> commandLine(SandboxSpec spec, Path work, long asLimit) {
    List<String> argv = new ArrayList<>();
    List<String> rlimits = new ArrayList<>();
    if (asLimit > 0) {
      rlimits.add("--as=" + asLimit);
    }
    if (tools.prlimit() != null && !cgroups.has("pids") && uid != 0) {
      // RLIMIT_NPROC counts every task of the user, the server's own threads included.
      rlimits.add("--nproc=" + (spec.effectiveMaxPids() + ProcFs.tasksOfUser(uid)));
    }
    if (!rlimits.isEmpty()) {
      argv.add(tools.prlimit().toString());
      argv.addAll(rlimits);
      argv.add("--");
    }
    if (tools.bwrap() != null) {
      argv.add(tools.bwrap().toString());
      argv.addAll(HostTools.BWRAP_OPTIONS);
      String dir = work.toString();
      argv.addAll(List.of("--bind", dir, dir, "--chdir", dir, "--"));
    } else if (tools.setsid() != null) {
      argv.add(tools.setsid().toString());
    }
    argv.addAll(List.of("/bin/bash", "-c", spec.command()));
    return argv;
  }

  private static Path realDirectory(Path dir) {
    try {
      Path real = dir.toRealPath();
      if (real.toFile().isDirectory()) {
        return real;
      }
    } catch (IOException e) {
      // Reported below, like a file that is not a directory.
    }
    throw new InvalidRequestException("Invalid work dir: %s (no such directory)", dir);
  }
}
