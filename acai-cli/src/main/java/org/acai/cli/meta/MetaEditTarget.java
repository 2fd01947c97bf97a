package org.acai.cli.meta;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code tag} and {@code untag} share: the entity and the tags to add or remove. */
final class MetaEditTarget {
  @Parameters(
      index = "0",
      paramLabel = "ID",
      description = "PATH[:N], NAME[:N] or job id (latest when no version).")
  String id;

  @Option(
      names = {"-t", "--tag"},
      paramLabel = "TAG")
  List<String> tags = new ArrayList<>();
}
