package org.acai.api.job;

import java.util.List;

/**
 * Answer of {@code GET /provenance/lineage}: the jobs upstream of a file set or job (what made it,
 * and what made their inputs) and downstream (what was made from it), breadth first.
 *
 * @param root what the walk started from: {@code @set:N} or {@code job <id>}
 * @param job the root job's own step when the walk started from a job, else null
 * @param upstream the producing jobs, nearest first
 * @param downstream the consuming jobs, nearest first
 */
public record Lineage(
    String root, LineageStep job, List<LineageStep> upstream, List<LineageStep> downstream) {
  public Lineage {
    upstream = upstream == null ? List.of() : List.copyOf(upstream);
    downstream = downstream == null ? List.of() : List.copyOf(downstream);
  }
}
