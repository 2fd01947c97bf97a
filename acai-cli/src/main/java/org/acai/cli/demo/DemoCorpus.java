package org.acai.cli.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The demo's inputs: a small generated corpus (no third-party text) and the word-count code. */
final class DemoCorpus {
  /**
   * The word-count program: reads text on stdin, writes "count word" lines to DIR/wordcount.txt.
   */
  static final String SCRIPT =
      "#!/bin/sh\n"
          + "# usage: cat texts/* | sh wordcount.sh OUTPUT_DIR (POSIX sh: dash, busybox, bash)\n"
          + "set -eu\n"
          + "out=\"${1:?output directory}\"\n"
          + "mkdir -p \"$out\"\n"
          + "awk '{ for (i = 1; i <= NF; i++) { w = tolower($i); gsub(/[^a-z0-9]/, \"\", w);"
          + " if (w != \"\") count[w]++ } } END { for (w in count) print count[w], w }' \\\n"
          + "  | sort -k1,1nr -k2,2 > \"$out/wordcount.txt\"\n"
          + "echo \"[ACAI_TAG_NUM] distinct_words=$(wc -l < \"$out/wordcount.txt\")\"\n"
          + "echo \"[ACAI_TAG] tool=awk\"\n";

  private static final List<String> SUBJECTS =
      List.of(
          "the river",
          "a quiet engineer",
          "the old lighthouse",
          "every model",
          "the data",
          "a small robot");
  private static final List<String> VERBS =
      List.of("remembers", "counts", "watches", "follows", "builds", "measures", "carries");
  private static final List<String> OBJECTS =
      List.of(
          "the stars",
          "each version",
          "the long night",
          "a new file set",
          "the morning tide",
          "every word");

  private DemoCorpus() {}

  /** Writes {@code files} generated texts into {@code dir}; the same seed gives the same corpus. */
  static void generate(Path dir, int files, long seed) throws IOException {
    Files.createDirectories(dir);
    Random random = new Random(seed);
    for (int file = 1; file <= files; file++) {
      StringBuilder text = new StringBuilder();
      for (int sentence = 0; sentence < 40; sentence++) {
        text.append(pick(random, SUBJECTS))
            .append(' ')
            .append(pick(random, VERBS))
            .append(' ')
            .append(pick(random, OBJECTS))
            .append(".\n");
      }
      Files.writeString(dir.resolve("chapter-" + file + ".txt"), text, StandardCharsets.UTF_8);
    }
  }

  /** The code zip: {@code wordcount.sh} at its root. */
  static byte[] codeZip() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("wordcount.sh"));
      zip.write(SCRIPT.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  private static String pick(Random random, List<String> words) {
    return words.get(random.nextInt(words.size()));
  }
}
