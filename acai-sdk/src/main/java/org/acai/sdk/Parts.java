package org.acai.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToLongFunction;

/** Splits the files of a transfer into parts (batches, download parts) in order. */
final class Parts {
  private Parts() {}

  /**
   * Splits {@code files} (indexes into a transfer) into runs of at most {@code maxFiles} files and
   * {@code maxBytes} bytes, sizes given by {@code sizeOf}; a file larger than {@code maxBytes}
   * makes a part of its own.
   */
  static List<List<Integer>> split(
      List<Integer> files, IntToLongFunction sizeOf, int maxFiles, long maxBytes) {
    List<List<Integer>> parts = new ArrayList<>();
    for (int start = 0; start < files.size(); ) {
      int end = start;
      long bytes = 0;
      while (end < files.size()
          && end - start < maxFiles
          && (end == start || bytes + sizeOf.applyAsLong(files.get(end)) <= maxBytes)) {
        bytes += sizeOf.applyAsLong(files.get(end));
        end++;
      }
      parts.add(files.subList(start, end));
      start = end;
    }
    return parts;
  }
}
