package org.acai.bench.transfer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU seconds used so far by an embedded PostgreSQL: its postmaster (with the ended backends it has
 * waited for) and its live backends, from {@code /proc} on Linux; 0 where that is absent.
 */
public final class PostgresCpu {
  private final Path pidFile;

  /** The cluster whose data directory is {@code data} (its {@code postmaster.pid}). */
  public PostgresCpu(Path data) {
    this.pidFile = data.resolve("postmaster.pid");
  }

  /** The CPU used so far. */
  public double seconds() {
    try {
      List<String> lines = Files.readAllLines(pidFile);
      String postmaster = lines.get(0).strip();
      double seconds = ProcStat.cpuSeconds(postmaster, true);
      try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
        for (Path process : processes) {
          String[] fields = ProcStat.fields(process.resolve("stat"));
          if (fields != null && fields[1].equals(postmaster)) {
            seconds += ProcStat.cpuSeconds(process.resolve("stat"), false);
          }
        }
      }
      return seconds;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
