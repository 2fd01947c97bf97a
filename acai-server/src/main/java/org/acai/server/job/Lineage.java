package org.acai.server.job;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileSetException;
import org.acai.server.auth.Principal;
import org.acai.server.fileset.FileSetService;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Provenance queries: which jobs made a file set from what (upstream), and what was made from it
 * (downstream), breadth first and depth-limited.
 */
public final class Lineage {
  /** Levels walked when the caller names none. */
  public static final int DEFAULT_DEPTH = 5;

  private static final int MAX_DEPTH = 50;

  private final Jdbi jdbi;
  private final JobService jobs;
  private final FileSetService fileSets;

  Lineage(Jdbi jdbi, JobService jobs, FileSetService fileSets) {
    this.jdbi = jdbi;
    this.jobs = jobs;
    this.fileSets = fileSets;
  }

  /** The jobs upstream and downstream of a file set (the API's {@code lineage} answer). */
  public Map<String, Object> ofFileSet(Principal caller, String reference, int depth) {
    String id =
        fileSets
            .explicitId(caller.projectKey(), reference)
            .orElseThrow(() -> new NoSuchFileSetException("No such file set: %s", reference));
    return walk(
        caller.projectKey(), "@" + id, List.of("@" + id), List.of("@" + id), checked(depth));
  }

  /** A job's own inputs and outputs, and the jobs upstream and downstream of it. */
  public Map<String, Object> ofJob(Principal caller, long jobId, int depth) {
    jobs.job(caller.projectKey(), jobId);
    return jdbi.withHandle(
        handle -> {
          Map<String, Object> step = step(handle, caller.projectKey(), jobId, 0);
          @SuppressWarnings("unchecked")
          List<String> inputs = (List<String>) step.get("inputs");
          @SuppressWarnings("unchecked")
          List<String> outputs = (List<String>) step.get("outputs");
          Map<String, Object> result =
              walk(caller.projectKey(), "job " + jobId, inputs, outputs, checked(depth));
          result.put("job", step);
          return result;
        });
  }

  private Map<String, Object> walk(
      long project, String root, List<String> upFrom, List<String> downFrom, int depth) {
    return jdbi.withHandle(
        handle -> {
          Map<String, Object> result = new LinkedHashMap<>();
          result.put("root", root);
          result.put("upstream", traverse(handle, project, upFrom, "output", depth));
          result.put("downstream", traverse(handle, project, downFrom, "input", depth));
          return result;
        });
  }

  /** Jobs linked to the frontier's entities by {@code via} edges, and onward, level by level. */
  private List<Map<String, Object>> traverse(
      Handle handle, long project, List<String> start, String via, int depth) {
    List<Map<String, Object>> steps = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    Deque<String> frontier = new ArrayDeque<>(start);
    for (int level = 1; level <= depth && !frontier.isEmpty(); level++) {
      Deque<String> next = new ArrayDeque<>();
      for (String entity : frontier) {
        for (long jobId : jobsLinked(handle, project, entity, via)) {
          if (!seen.add(jobId)) {
            continue;
          }
          Map<String, Object> step = step(handle, project, jobId, level);
          steps.add(step);
          @SuppressWarnings("unchecked")
          List<String> onward =
              (List<String>) step.get("output".equals(via) ? "inputs" : "outputs");
          next.addAll(onward);
        }
      }
      frontier = next;
    }
    return steps;
  }

  private static List<Long> jobsLinked(Handle handle, long project, String entity, String kind) {
    return handle
        .createQuery(
            "SELECT job_id FROM provenance_edges WHERE project_id = :project AND entity = :entity"
                + " AND kind IN (<kinds>) ORDER BY job_id")
        .bind("project", project)
        .bind("entity", entity)
        .bindList("kinds", "input".equals(kind) ? List.of("input", "code") : List.of("output"))
        .mapTo(Long.class)
        .list();
  }

  private static Map<String, Object> step(Handle handle, long project, long jobId, int level) {
    Job job = new JobStore(handle).find(project, jobId).orElseThrow();
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    handle
        .createQuery(
            "SELECT kind, entity FROM provenance_edges WHERE job_id = :job ORDER BY kind, entity")
        .bind("job", jobId)
        .map((rs, ctx) -> Map.entry(rs.getString("kind"), rs.getString("entity")))
        .forEach(edge -> ("output".equals(edge.getKey()) ? outputs : inputs).add(edge.getValue()));
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("depth", level);
    step.put("job_id", jobId);
    step.put("job_name", job.name());
    step.put("job_status", job.status().name());
    step.put("inputs", inputs);
    step.put("outputs", outputs);
    return step;
  }

  private static int checked(int depth) {
    if (depth < 1 || depth > MAX_DEPTH) {
      throw new InvalidRequestException("Invalid depth: %d (1 to %d)", depth, MAX_DEPTH);
    }
    return depth;
  }
}
