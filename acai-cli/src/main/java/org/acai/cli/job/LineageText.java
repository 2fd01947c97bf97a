package org.acai.cli.job;

import java.util.ArrayList;
import java.util.List;
import org.acai.api.job.Lineage;
import org.acai.api.job.LineageStep;

/** Renders a lineage as indented lines: the root, then the jobs upstream and downstream. */
public final class LineageText {
  private LineageText() {}

  /** The lines describing {@code lineage}, without trailing newlines. */
  public static List<String> lines(Lineage lineage) {
    List<String> lines = new ArrayList<>();
    lines.add("lineage of " + lineage.root());
    if (lineage.job() != null) {
      step(lines, lineage.job());
    }
    section(lines, "upstream (what made it)", lineage.upstream());
    section(lines, "downstream (what used it)", lineage.downstream());
    return lines;
  }

  private static void section(List<String> lines, String title, List<LineageStep> steps) {
    lines.add(title + ":");
    if (steps.isEmpty()) {
      lines.add("  (none)");
    }
    steps.forEach(step -> step(lines, step));
  }

  private static void step(List<String> lines, LineageStep step) {
    String indent = "  ".repeat(Math.max(1, step.depth()));
    lines.add(
        indent + "job " + step.jobId() + " " + step.jobName() + " [" + step.jobStatus() + "]");
    lines.add(
        indent + "  in:  " + (step.inputs().isEmpty() ? "-" : String.join(", ", step.inputs())));
    lines.add(
        indent + "  out: " + (step.outputs().isEmpty() ? "-" : String.join(", ", step.outputs())));
  }
}
