package org.acai.sdk;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which names local folders hold, read with one listing per folder. A download checks every target
 * before it writes anything; a lookup of a missing file costs the JDK two exceptions with their
 * stack traces, more than fetching a small file's bytes, and most targets of a download are new.
 */
final class FolderListings {
  private final Map<Path, Set<String>> names = new HashMap<>();

  /** Whether anything (file, folder, link, even a broken one) has {@code target}'s name. */
  boolean exists(Path target) {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    if (folder == null) {
      return true;
    }
    return names
        .computeIfAbsent(folder, FolderListings::list)
        .contains(absolute.getFileName().toString());
  }

  private static Set<String> list(Path folder) {
    String[] listed = folder.toFile().list();
    return listed == null ? Set.of() : new HashSet<>(Arrays.asList(listed));
  }
}
