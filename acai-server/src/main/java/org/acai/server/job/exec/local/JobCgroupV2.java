package org.acai.server.job.exec.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.acai.api.error.ServiceFailureException;

/**
 * One job's cgroup v2: limits in {@code memory.max} (no swap), {@code pids.max} and {@code
 * cpu.max}. A thread cannot visit a v2 cgroup as in v1, so the job's first process joins it itself,
 * before anything of the job runs: a {@code sh} that writes its pid into {@code cgroup.procs} and
 * then becomes the job.
 */
final class JobCgroupV2 implements JobGroup {
  private static final long CPU_PERIOD_US = 100_000;
  private static final long MIN_QUOTA_US = 1_000;
  private static final String JOIN = "echo $$ > \"$0\" && exec \"$@\"";

  private final Path dir;

  private JobCgroupV2(Path dir) {
    this.dir = dir;
  }

  static JobCgroupV2 create(Path dir, CgroupV2 hierarchy, SandboxSpec spec) {
    try {
      if (Files.isDirectory(dir)) {
        Files.delete(dir); // an earlier job of the same name; only an empty cgroup can go
      }
      Files.createDirectory(dir);
      JobCgroupV2 group = new JobCgroupV2(dir);
      group.writeLimits(hierarchy, spec);
      return group;
    } catch (IOException e) {
      JobCgroup.removeWhenEmpty(List.of(dir));
      throw new ServiceFailureException(e, "Cannot create cgroup %s: %s", spec.name(), e);
    }
  }

  private void writeLimits(CgroupV2 hierarchy, SandboxSpec spec) throws IOException {
    if (hierarchy.has("memory") && spec.memoryBytes() > 0) {
      write("memory.max", Long.toString(spec.memoryBytes()));
      if (Files.exists(dir.resolve("memory.swap.max"))) {
        write("memory.swap.max", "0");
      }
    }
    if (hierarchy.has("pids")) {
      write("pids.max", Integer.toString(spec.effectiveMaxPids()));
    }
    if (hierarchy.has("cpu") && spec.cpuMillis() > 0) {
      long quota = Math.max(MIN_QUOTA_US, spec.cpuMillis() * CPU_PERIOD_US / 1000);
      write("cpu.max", quota + " " + CPU_PERIOD_US);
    }
  }

  @Override
  public List<String> commandLine(List<String> argv) {
    List<String> joined = new ArrayList<>(List.of("/bin/sh", "-c", JOIN));
    joined.add(dir.resolve("cgroup.procs").toString());
    joined.addAll(argv);
    return joined;
  }

  @Override
  public <T> T spawnInside(Spawner<T> spawner) throws IOException {
    return spawner.spawn();
  }

  @Override
  public Set<Long> members() {
    Set<Long> pids = new HashSet<>();
    for (String line : CgroupFiles.lines(dir.resolve("cgroup.procs"))) {
      pids.add(Long.parseLong(line.trim()));
    }
    return pids;
  }

  @Override
  public boolean wasOutOfMemory(int exitCode) {
    for (String line : CgroupFiles.lines(dir.resolve("memory.events"))) {
      if (line.startsWith("oom_kill ")) {
        return Long.parseLong(line.substring(9).trim()) > 0;
      }
    }
    return false;
  }

  @Override
  public void killAll() {
    try {
      write("cgroup.kill", "1");
    } catch (IOException e) {
      // Kernels before 5.14 have no cgroup.kill; the terminator signals each member instead.
    }
  }

  @Override
  public void remove() {
    JobCgroup.removeWhenEmpty(List.of(dir));
  }

  private void write(String file, String value) throws IOException {
    Files.writeString(dir.resolve(file), value, StandardCharsets.US_ASCII);
  }
}
