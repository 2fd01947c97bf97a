package org.acai.server.job.exec.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cgroup v2 (unified) hierarchy: job cgroups go below this process's own cgroup ({@code
 * <own>/acai/<instance>/<name>}) with whichever of the memory, pids and cpu controllers the
 * hierarchy delegates here, and {@code cgroup.kill} ends a job's processes at once. Where the own
 * cgroup holds only this server, the server first moves into a leaf of its own ({@code
 * <own>/server}), as v2 lets no cgroup with processes hand controllers down. Immutable.
 */
final class CgroupV2 implements Cgroups {
  private static final Logger LOG = LoggerFactory.getLogger(CgroupV2.class);
  private static final List<String> WANTED = List.of("memory", "pids", "cpu");

  private final Path base;
  private final Set<String> controllers;

  private CgroupV2(Path base, Set<String> controllers) {
    this.base = base;
    this.controllers = Set.copyOf(controllers);
  }

  /** Finds the hierarchy and this process's place in it; empty when unusable. */
  static Cgroups probe() {
    Path own = ownDirectory();
    if (own == null || !Files.isWritable(own.resolve("cgroup.procs"))) {
      return Cgroups.NONE;
    }
    try {
      Path shared = own.resolve("acai");
      Files.createDirectories(shared);
      LeftoverCgroups.sweep(shared);
      List<String> enabled = delegate(own, available(own));
      enabled = delegate(shared, enabled);
      String instance =
          "server-"
              + ProcessHandle.current().pid()
              + "-"
              + UUID.randomUUID().toString().substring(0, 8);
      Path base = shared.resolve(instance);
      Files.createDirectory(base);
      enabled = delegate(base, enabled);
      return new CgroupV2(base, Set.copyOf(enabled));
    } catch (IOException e) {
      LOG.info("cgroup v2 is not usable for jobs here: {}", e.toString());
      return Cgroups.NONE;
    }
  }

  @Override
  public boolean has(String controller) {
    return controllers.contains(controller);
  }

  @Override
  public boolean isEmpty() {
    return false;
  }

  @Override
  public String describe() {
    List<String> names = new ArrayList<>(WANTED);
    names.retainAll(controllers);
    return "cgroup v2 ("
        + (names.isEmpty() ? "no controllers" : String.join(", ", names))
        + ", cgroup.kill)";
  }

  @Override
  public void release() {
    try {
      Files.deleteIfExists(base);
    } catch (IOException e) {
      // A job's cgroup is still being torn down; the next server's probe removes it.
    }
  }

  @Override
  public JobGroup create(SandboxSpec spec) {
    return JobCgroupV2.create(base.resolve(spec.name()), this, spec);
  }

  /** Hands the controllers down to {@code dir}'s children; returns those it could. */
  private static List<String> delegate(Path dir, List<String> wanted) throws IOException {
    List<String> enabled = new ArrayList<>();
    Path control = dir.resolve("cgroup.subtree_control");
    for (String controller : wanted) {
      try {
        Files.writeString(control, "+" + controller, StandardCharsets.US_ASCII);
        enabled.add(controller);
      } catch (IOException e) {
        if (moveIntoLeaf(dir)) {
          return delegate(dir, wanted);
        }
        LOG.info("cgroup v2 controller {} cannot be handed down in {}: {}", controller, dir, e);
      }
    }
    return enabled;
  }

  /** Moves this server out of {@code dir} into its leaf, if nothing else lives in {@code dir}. */
  private static boolean moveIntoLeaf(Path dir) throws IOException {
    String self = Long.toString(ProcessHandle.current().pid());
    List<String> procs = CgroupFiles.lines(dir.resolve("cgroup.procs"));
    if (!procs.equals(List.of(self))) {
      return false;
    }
    Path leaf = dir.resolve("server");
    Files.createDirectories(leaf);
    Files.writeString(leaf.resolve("cgroup.procs"), self, StandardCharsets.US_ASCII);
    LOG.info("Moved the server into {} so that job cgroups can have controllers", leaf);
    return true;
  }

  private static List<String> available(Path own) {
    List<String> present = new ArrayList<>();
    for (String line : CgroupFiles.lines(own.resolve("cgroup.controllers"))) {
      present.addAll(List.of(line.trim().split("\\s+")));
    }
    List<String> wanted = new ArrayList<>(WANTED);
    wanted.retainAll(present);
    return wanted;
  }

  private static Path ownDirectory() {
    String ownPath = null;
    for (String line : CgroupFiles.lines(Path.of("/proc/self/cgroup"))) {
      if (line.startsWith("0::")) {
        ownPath = line.substring(3);
      }
    }
    for (String line : CgroupFiles.lines(Path.of("/proc/self/mountinfo"))) {
      int dash = line.indexOf(" - ");
      if (ownPath == null || dash < 0 || !line.substring(dash + 3).startsWith("cgroup2 ")) {
        continue;
      }
      String[] fields = line.substring(0, dash).split(" ");
      if (ownPath.startsWith(fields[3])) {
        String relative = ownPath.substring(fields[3].length()).replaceFirst("^/+", "");
        return Path.of(fields[4]).resolve(relative);
      }
    }
    return null;
  }
}
