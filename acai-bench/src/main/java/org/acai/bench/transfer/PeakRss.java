package org.acai.bench.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident memory of a process, from the {@code VmHWM} line of its /proc status. */
public final class PeakRss {
  private PeakRss() {}

  /**
   * Starts the peak of process {@code pid} over from its present resident size ({@code 5} into its
   * {@code clear_refs}).
   *
   * @return false if this cannot be done (no such process, no right to)
   */
  public static boolean reset(long pid) {
    try {
      Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The peak in a /proc status file, in bytes; 0 once the process is gone. */
  public static long of(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // The process ended meanwhile.
    }
    return 0;
  }
}
