package org.acai.server.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * One step of a directory's breadcrumb trail.
 *
 * @param name what the step shows
 * @param path the directory it opens
 */
public record Crumb(String name, String path) {
  /** The trail from the root to {@code dir} (a normalized directory path). */
  static List<Crumb> trail(String dir) {
    List<Crumb> crumbs = new ArrayList<>();
    crumbs.add(new Crumb("/", "/"));
    StringBuilder path = new StringBuilder();
    for (String part : dir.split("/")) {
      if (!part.isEmpty()) {
        path.append('/').append(part);
        crumbs.add(new Crumb(part, path.toString()));
      }
    }
    return crumbs;
  }
}
