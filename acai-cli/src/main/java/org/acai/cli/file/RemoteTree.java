package org.acai.cli.file;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.acai.api.storage.DirectoryEntry;
import org.acai.cli.UserError;
import org.acai.sdk.FileClient;

/** A remote directory's files, walked one listing per directory, and where each lands locally. */
final class RemoteTree {
  private RemoteTree() {}

  /** Whether {@code remote} names a directory: {@code /dir/}, or {@code /dir} with no such file. */
  static boolean isDirectory(FileClient files, String remote) {
    return remote.indexOf(':') < 0 && files.resolveVaguePath(remote).isDir();
  }

  /**
   * Every file below {@code directory} at its latest version ({@code /a/b/x.txt:N}), mapped to
   * {@code into/b/x.txt}: the directory keeps its name under {@code into}, as {@code cp -r} does.
   */
  static Map<String, String> files(FileClient files, String directory, Path into) {
    String remote = directory.endsWith("/") ? directory : directory + "/";
    String name = remote.substring(0, remote.length() - 1);
    name = name.substring(name.lastIndexOf('/') + 1);
    Map<String, String> found = new LinkedHashMap<>();
    walk(files, remote, name.isEmpty() ? into : into.resolve(name), found);
    return found;
  }

  private static void walk(FileClient files, String remote, Path local, Map<String, String> found) {
    for (DirectoryEntry entry : files.listDir(remote)) {
      String name = entry.path();
      // Names come from the server: one plain segment each, never a way out of LOCAL.
      if (name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")) {
        throw new UserError("Invalid entry in %s: %s", remote, name);
      }
      if (entry.isDir()) {
        walk(files, remote + entry.path() + "/", local.resolve(entry.path()), found);
      } else {
        found.put(
            remote + entry.path() + ":" + entry.version(), local.resolve(entry.path()).toString());
      }
    }
  }
}
