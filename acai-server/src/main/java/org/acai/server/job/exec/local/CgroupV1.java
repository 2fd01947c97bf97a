package org.acai.server.job.exec.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The cgroup v1 controllers this process may create children in. Job cgroups go below this
 * process's own cgroup ({@code <mount>/<own path>/acai/<instance>/<name>}), so whatever limits the
 * server itself runs under also bound its jobs. Each probe names its own instance directory: two
 * servers on one host (or in one JVM) both have a job 1, and must not share its cgroup. Immutable.
 */
final class CgroupV1 implements Cgroups {
  /** The controllers used, with the file that proves each is usable. */
  static final Map<String, String> CONTROLLERS =
      Map.of("memory", "memory.limit_in_bytes", "pids", "pids.max", "cpu", "cpu.cfs_quota_us");

  private final Map<String, Path> bases;
  private final Map<String, Path> homes;

  private CgroupV1(Map<String, Path> bases, Map<String, Path> homes) {
    this.bases = Collections.unmodifiableMap(new LinkedHashMap<>(bases));
    this.homes = Collections.unmodifiableMap(new LinkedHashMap<>(homes));
  }

  /**
   * Finds each controller's mount and this process's place in it, tries a mkdir there and moving a
   * thread into it and back ({@link JobCgroup#spawnInside}), and clears what servers that are gone
   * left there ({@link LeftoverCgroups}).
   */
  static CgroupV1 probe() {
    List<String> mounts = lines(Path.of("/proc/self/mountinfo"));
    List<String> memberships = lines(Path.of("/proc/self/cgroup"));
    String instance =
        "server-"
            + ProcessHandle.current().pid()
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Path> usable = new LinkedHashMap<>();
    Map<String, Path> homes = new LinkedHashMap<>();
    for (String controller : List.of("memory", "pids", "cpu")) {
      Path own = ownDirectory(controller, mounts, memberships);
      if (own != null && isUsable(own, CONTROLLERS.get(controller))) {
        LeftoverCgroups.sweep(own.resolve("acai"));
        usable.put(controller, own.resolve("acai").resolve(instance));
        homes.put(controller, own);
      }
    }
    return new CgroupV1(usable, homes);
  }

  /** Removes this instance's directories, if no job cgroup is left in them. */
  @Override
  public void release() {
    for (Path base : bases.values()) {
      try {
        Files.deleteIfExists(base);
      } catch (IOException e) {
        // A job's cgroup is still being torn down; the next server's probe removes it.
      }
    }
  }

  @Override
  public boolean has(String controller) {
    return bases.containsKey(controller);
  }

  @Override
  public boolean isEmpty() {
    return bases.isEmpty();
  }

  @Override
  public JobGroup create(SandboxSpec spec) {
    return isEmpty() ? null : JobCgroup.create(this, spec);
  }

  /** Controller name to the directory job cgroups are created in. */
  Map<String, Path> bases() {
    return bases;
  }

  /** Controller name to this process's own cgroup, where a launching thread returns to. */
  Map<String, Path> homes() {
    return homes;
  }

  @Override
  public String describe() {
    return "cgroup v1 (" + String.join(", ", bases.keySet()) + ")";
  }

  private static Path ownDirectory(
      String controller, List<String> mounts, List<String> memberships) {
    String ownPath = null;
    for (String line : memberships) {
      String[] parts = line.split(":", 3);
      if (parts.length == 3 && List.of(parts[1].split(",")).contains(controller)) {
        ownPath = parts[2];
      }
    }
    for (String line : mounts) {
      int dash = line.indexOf(" - ");
      if (ownPath == null || dash < 0) {
        continue;
      }
      String[] fields = line.substring(0, dash).split(" ");
      String[] fs = line.substring(dash + 3).split(" ");
      if (fs.length < 3 || !fs[0].equals("cgroup")) {
        continue;
      }
      if (List.of(fs[2].split(",")).contains(controller) && ownPath.startsWith(fields[3])) {
        String relative = ownPath.substring(fields[3].length()).replaceFirst("^/+", "");
        return Path.of(fields[4]).resolve(relative);
      }
    }
    return null;
  }

  private static boolean isUsable(Path own, String proofFile) {
    Path base = own.resolve("acai");
    boolean created = !Files.isDirectory(base);
    Path probe = base.resolve("probe-" + UUID.randomUUID());
    try {
      Files.createDirectories(probe);
      try {
        if (!Files.isWritable(probe.resolve(proofFile))) {
          return false;
        }
        String thread = ProcFs.ownThreadId();
        JobCgroup.moveThread(thread, probe);
        JobCgroup.moveThread(thread, own);
        return true;
      } finally {
        Files.delete(probe);
        if (created) {
          Files.deleteIfExists(base);
        }
      }
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return List.of();
    }
  }
}
