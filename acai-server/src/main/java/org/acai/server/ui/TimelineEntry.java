package org.acai.server.ui;

import java.util.List;

/**
 * One state change of a job.
 *
 * @param time when, UTC
 * @param status the state entered
 * @param reason why, or empty
 */
public record TimelineEntry(String time, String status, String reason) {
  /** Parses the job service's history lines, {@code 2026-...Z RUNNING: started}. */
  static List<TimelineEntry> of(List<String> history) {
    return history.stream().map(TimelineEntry::parse).toList();
  }

  private static TimelineEntry parse(String line) {
    int space = line.indexOf(' ');
    String time = space < 0 ? line : line.substring(0, space).replace('T', ' ').replace("Z", "");
    String rest = space < 0 ? "" : line.substring(space + 1);
    int colon = rest.indexOf(": ");
    return colon < 0
        ? new TimelineEntry(time, rest, "")
        : new TimelineEntry(time, rest.substring(0, colon), rest.substring(colon + 2));
  }
}
