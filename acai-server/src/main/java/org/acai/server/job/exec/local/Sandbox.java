package org.acai.server.job.exec.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.ServiceFailureException;
import org.acai.server.job.exec.CommandRunner;
import org.acai.server.job.exec.ExitOutcome;
import org.acai.server.job.exec.JobRun;
import org.acai.server.job.exec.JobUser;
import org.acai.server.job.exec.JobUsers;
import org.acai.server.job.exec.LineSink;
import org.acai.server.job.exec.RunHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts job commands as isolated and limited as this machine allows. {@link #detect()} finds out
 * once what that is; {@link #describe()} says it in words.
 *
 * <p>Isolation, with bubblewrap ({@link BwrapCommand}): the job sees only the system's programs,
 * read-only, and its work dir; it runs as its own uid without capabilities (a root server switches
 * to the job's uid; any other server runs jobs in a user namespace), in its own pid, IPC, UTS and
 * (unless {@code ACAI_JOB_NETWORK=host}) network namespaces, and everything it starts dies with it.
 * Without a working bubblewrap no job starts, unless the operator chose {@code ACAI_SANDBOX=none}:
 * then a job is a plain process of the server's uid in its own session.
 *
 * <p>Limits: cgroup v1 memory (swap included), pids and CPU quota when those controllers are
 * writable (a job joins the memory and cpu cgroups only when it has such a limit); else the server
 * measures the job's resident memory ({@link MemoryWatch}) and, for non-root servers, sets a
 * process rlimit. The job log says which memory limit applies. The job's first process starts in
 * its cgroups. Every job gets the wall-clock timeout of its spec. Thread-safe: one sandbox serves
 * every job.
 */
public final class Sandbox implements CommandRunner {
  private static final Logger LOG = LoggerFactory.getLogger(Sandbox.class);
  private static final String DEFAULT_PATH =
      "/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin";

  /** Environment variable: {@code host} lets sandboxed jobs use the host's network. */
  public static final String NETWORK_ENV = "ACAI_JOB_NETWORK";

  private final SandboxMode mode;
  private final HostTools tools;
  private final Cgroups cgroups;
  private final long uid;
  private final boolean hostNetwork;
  private final String problems;

  /**
   * The bubblewrap options every sandboxed job of a root server gets before its working directory
   * is bound (for baselines that measure bubblewrap alone).
   */
  public static List<String> bubblewrapOptions() {
    return BwrapCommand.options(false, false);
  }

  private Sandbox(
      SandboxMode mode, HostTools tools, Cgroups cgroups, boolean hostNetwork, String problems) {
    this.mode = mode;
    this.tools = tools;
    this.cgroups = cgroups;
    this.uid = ProcFs.ownUid();
    this.hostNetwork = hostNetwork;
    this.problems = problems;
  }

  /**
   * Probes this machine in the mode set by {@code acai.sandbox} / {@code ACAI_SANDBOX}.
   *
   * @throws InvalidRequestException if that setting names no mode
   */
  public static Sandbox detect() {
    return detect(SandboxMode.fromEnvironment(), System.getenv());
  }

  /** Probes this machine in the given mode, with the host's network for jobs off. */
  public static Sandbox detect(SandboxMode mode) {
    return detect(mode, Map.of());
  }

  /**
   * Probes this machine: is bubblewrap installed and working, which cgroups are writable.
   *
   * @param env the server's settings ({@value #NETWORK_ENV}, and {@code ACAI_BWRAP} naming the
   *     bubblewrap program when it is not the one on the PATH)
   * @throws InvalidRequestException if {@value #NETWORK_ENV} is neither {@code host} nor {@code
   *     none}
   */
  public static Sandbox detect(SandboxMode mode, Map<String, String> env) {
    String network = env.getOrDefault(NETWORK_ENV, "none").trim();
    if (!network.equals("host") && !network.equals("none")) {
      throw new InvalidRequestException(
          "Invalid %s: %s (host or none for sandboxed jobs)", NETWORK_ENV, network);
    }
    StringBuilder problems = new StringBuilder();
    JobUser probeUser = JobUsers.forThisProcess().acquire();
    HostTools tools = HostTools.probe(mode, env, probeUser, problems);
    Cgroups cgroups = CgroupChoice.probe(mode, env);
    Sandbox sandbox =
        new Sandbox(mode, tools, cgroups, network.equals("host"), problems.toString());
    if (mode == SandboxMode.NONE) {
      PlainOrphans.sweep();
      LOG.warn(
          "Jobs run WITHOUT isolation ({}=none): each job can read and write everything the"
              + " server can. {}",
          SandboxMode.ENV,
          sandbox.describe());
    } else if (!sandbox.isIsolated()) {
      LOG.warn("No job isolation works here, so no job will start: {}", sandbox.refusal());
    } else {
      LOG.info("Job sandbox: {}", sandbox.describe());
    }
    return sandbox;
  }

  /** What jobs get here, e.g. {@code bubblewrap 0.8.0 (...) + cgroup v1 (memory, pids, cpu)}. */
  @Override
  public String describe() {
    String isolation;
    if (isIsolated()) {
      isolation =
          tools.bwrapVersion()
              + " (own uid, system read-only, only the work dir writable, own pid namespace, "
              + (hostNetwork ? "host network)" : "no network)");
    } else if (mode == SandboxMode.NONE) {
      isolation = "plain process, NO isolation (" + SandboxMode.ENV + "=none)";
    } else {
      isolation = "no isolation available, jobs refused";
    }
    List<String> parts = new ArrayList<>(List.of(isolation));
    if (!cgroups.isEmpty()) {
      parts.add(cgroups.describe());
    }
    if (!cgroups.has("memory")) {
      parts.add("resident memory measured by the server");
    }
    if (tools.prlimit() != null && !cgroups.has("pids") && uid != 0) {
      parts.add("process rlimit via prlimit");
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
  @Override
  public void release() {
    cgroups.release();
  }

  /** Whether jobs run under bubblewrap. */
  public boolean isIsolated() {
    return tools.bwrap() != null;
  }

  /** Whether jobs start at all: isolated, or unisolated because the operator said so. */
  public boolean runsJobs() {
    return isIsolated() || mode == SandboxMode.NONE;
  }

  /** Why jobs are refused here and how to fix it. */
  String refusal() {
    return "Cannot run job: no job isolation works on this server ("
        + problems
        + "). An operator can install bubblewrap (apt-get install bubblewrap), give the server a"
        + " container engine (Docker or Podman), or set "
        + SandboxMode.ENV
        + "=none to run jobs without isolation";
  }

  @Override
  public boolean switchesUsers() {
    return isIsolated();
  }

  @Override
  public boolean runsImages() {
    return false;
  }

  @Override
  public RunHandle start(JobRun run, LineSink sink) {
    SandboxSpec spec =
        SandboxSpec.of(run.workDir(), run.command(), run.name())
            .withMemoryBytes(run.memoryBytes())
            .withCpuMillis(run.cpuMillis())
            .withEnv(run.env())
            .withUser(run.user());
    return start(run.timeout() == null ? spec : spec.withTimeout(run.timeout()), sink);
  }

  /** Whether jobs go in cgroups at all. */
  boolean hasCgroups() {
    return !cgroups.isEmpty();
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
    if (!runsJobs()) {
      throw new ServiceFailureException("%s", refusal());
    }
    Path work = realDirectory(spec.workDir());
    JobGroup cgroup = cgroups.create(spec);
    long watchedMemory = cgroups.has("memory") ? 0 : spec.memoryBytes();
    if (spec.memoryBytes() > 0) {
      sink.line(
          LineSink.Channel.STDOUT,
          watchedMemory > 0
              ? MemoryWatch.describe(watchedMemory)
              : "[acai] memory limit "
                  + ExitOutcome.humanBytes(spec.memoryBytes())
                  + ", swap included, enforced by the kernel's "
                  + cgroups.describe()
                  + ": a job above it is ended as out of memory");
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                cgroup == null
                    ? commandLine(spec, work)
                    : cgroup.commandLine(commandLine(spec, work)))
            .directory(work.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Map<String, String> env = builder.environment();
    // The server's environment may hold secrets: the job starts from a clean one.
    env.clear();
    env.put(
        "PATH", isIsolated() ? DEFAULT_PATH : System.getenv().getOrDefault("PATH", DEFAULT_PATH));
    env.put("HOME", isIsolated() ? BwrapCommand.WORK_DIR : work.toString());
    env.put("LANG", "C.UTF-8");
    env.put("TMPDIR", "/tmp");
    env.putAll(spec.env());
    if (!isIsolated()) {
      env.put(PlainOrphans.ENV, PlainOrphans.THIS_SERVER);
    }
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
    return RunningProcess.start(process, spec, cgroup, terminator, watchedMemory, sink);
  }

  private List<String> commandLine(SandboxSpec spec, Path work) {
    List<String> argv = new ArrayList<>();
    if (tools.prlimit() != null && !cgroups.has("pids") && uid != 0) {
      // RLIMIT_NPROC counts every task of the user, the server's own threads included.
      argv.add(tools.prlimit().toString());
      argv.add("--nproc=" + (spec.effectiveMaxPids() + ProcFs.tasksOfUser(uid)));
      argv.add("--");
    }
    List<String> program = List.of("/bin/bash", "-c", spec.command());
    if (isIsolated()) {
      argv.addAll(BwrapCommand.argv(tools, work, spec.user(), hostNetwork, program));
      return argv;
    }
    if (tools.setsid() != null) {
      argv.add(tools.setsid().toString());
    }
    argv.addAll(program);
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
