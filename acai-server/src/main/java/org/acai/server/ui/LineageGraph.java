package org.acai.server.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lineage answer laid out for server-rendered SVG: file sets, code and jobs as boxes in columns
 * (a node's column is its longest path from a source, so edges point right), edges as lines.
 *
 * @param nodes the boxes
 * @param edges the arrows
 * @param width the drawing's width
 * @param height the drawing's height
 */
public record LineageGraph(List<Node> nodes, List<Edge> edges, int width, int height) {
  static final int BOX_W = 210;
  static final int BOX_H = 44;
  private static final int GAP_X = 70;
  private static final int GAP_Y = 22;
  private static final int MARGIN = 12;
  private static final int MAX_LABEL = 28;

  /**
   * A box.
   *
   * @param label its text (shortened)
   * @param title its full text
   * @param detail a second line (a job's status)
   * @param kind {@code set}, {@code code} or {@code job}, its CSS class
   * @param href the page it opens
   * @param root whether the graph is drawn around it
   * @param x left edge
   * @param y top edge
   */
  public record Node(
      String label,
      String title,
      String detail,
      String kind,
      String href,
      boolean root,
      int x,
      int y) {
    /** The CSS classes of the box. */
    public String css() {
      return "node node-" + kind + (root ? " node-root" : "");
    }
  }

  /**
   * An arrow from the right side of one box to the left side of another.
   *
   * @param x1 start x
   * @param y1 start y
   * @param x2 end x
   * @param y2 end y
   */
  public record Edge(int x1, int y1, int x2, int y2) {}

  private record Spec(String title, String detail, String kind, String href) {}

  /** Lays out the answer of {@code Lineage.ofFileSet} or {@code Lineage.ofJob}. */
  @SuppressWarnings("unchecked")
  static LineageGraph of(Map<String, Object> lineage) {
    Map<String, Spec> specs = new LinkedHashMap<>();
    Set<List<String>> links = new LinkedHashSet<>();
    String root = String.valueOf(lineage.get("root"));
    if (root.startsWith("@")) {
      specs.put(root, entity(root));
    }
    List<Map<String, Object>> steps = new ArrayList<>();
    if (lineage.get("job") instanceof Map<?, ?> job) {
      steps.add((Map<String, Object>) job);
    }
    steps.addAll((List<Map<String, Object>>) lineage.getOrDefault("upstream", List.of()));
    steps.addAll((List<Map<String, Object>>) lineage.getOrDefault("downstream", List.of()));
    for (Map<String, Object> step : steps) {
      long id = ((Number) step.get("job_id")).longValue();
      String key = "job " + id;
      specs.put(
          key,
          new Spec(
              "job " + id + " " + step.get("job_name"),
              String.valueOf(step.get("job_status")),
              "job",
              "/ui/jobs/" + id));
      for (String input : (List<String>) step.get("inputs")) {
        specs.putIfAbsent(input, entity(input));
        links.add(List.of(input, key));
      }
      for (String output : (List<String>) step.get("outputs")) {
        specs.putIfAbsent(output, entity(output));
        links.add(List.of(key, output));
      }
    }
    return layout(specs, List.copyOf(links), root);
  }

  private static Spec entity(String entity) {
    return entity.startsWith("@")
        ? new Spec(entity.substring(1), "file set", "set", Links.set(entity))
        : new Spec(entity, "code", "code", Links.fileId(entity));
  }

  private static LineageGraph layout(
      Map<String, Spec> specs, List<List<String>> links, String root) {
    Map<String, Integer> column = new HashMap<>();
    specs.keySet().forEach(key -> column.put(key, 0));
    // Longest path from a source; a DAG has no path longer than its node count.
    for (int round = 0; round < specs.size(); round++) {
      boolean changed = false;
      for (List<String> link : links) {
        int next = column.get(link.get(0)) + 1;
        if (column.get(link.get(1)) < next) {
          column.put(link.get(1), next);
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
    }
    Map<Integer, Integer> rows = new HashMap<>();
    Map<String, Node> nodes = new LinkedHashMap<>();
    int width = 0;
    int height = 0;
    for (Map.Entry<String, Spec> entry : specs.entrySet()) {
      int col = column.get(entry.getKey());
      int row = rows.merge(col, 1, Integer::sum) - 1;
      int x = MARGIN + col * (BOX_W + GAP_X);
      int y = MARGIN + row * (BOX_H + GAP_Y);
      Spec spec = entry.getValue();
      nodes.put(
          entry.getKey(),
          new Node(
              shorten(spec.title()),
              spec.title(),
              spec.detail(),
              spec.kind(),
              spec.href(),
              entry.getKey().equals(root),
              x,
              y));
      width = Math.max(width, x + BOX_W + MARGIN);
      height = Math.max(height, y + BOX_H + MARGIN);
    }
    List<Edge> edges = new ArrayList<>();
    for (List<String> link : links) {
      Node from = nodes.get(link.get(0));
      Node to = nodes.get(link.get(1));
      edges.add(new Edge(from.x() + BOX_W, from.y() + BOX_H / 2, to.x() - 4, to.y() + BOX_H / 2));
    }
    return new LineageGraph(List.copyOf(nodes.values()), edges, width, height);
  }

  private static String shorten(String text) {
    return text.length() <= MAX_LABEL ? text : text.substring(0, MAX_LABEL - 1) + "…";
  }
}
