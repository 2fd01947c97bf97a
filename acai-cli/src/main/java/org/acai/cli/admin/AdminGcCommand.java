package org.acai.cli.admin;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.acai.api.lifecycle.GcReport;
import org.acai.cli.CliContext;
import org.acai.cli.project.AdminTokenOption;
import org.acai.sdk.AcaiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code acai admin gc [--dry-run]}. */
@Command(
    name = "gc",
    mixinStandardHelpOptions = true,
    description = {
      "Purge trash older than the retention period (unless a file set or job pins it), then",
      "delete blobs no version references. Safe while uploads run."
    })
public final class AdminGcCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin private AdminTokenOption admin;

  @Option(names = "--dry-run", description = "Only report what would go now.")
  private boolean dryRun;

  AdminGcCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    AcaiClient client = admin.connect(context);
    GcReport report = dryRun ? client.admin().gcDryRun() : client.admin().gc();
    context
        .out()
        .printf(
            "%s %d trashed item(s), %s %d blob(s) (%d bytes)%s, compacted %d segment(s),"
                + " reclaimed %d segment bytes, in %d ms%n",
            dryRun ? "Would purge" : "Purged",
            report.purgedItems(),
            dryRun ? "would free" : "freed",
            report.freedBlobs(),
            report.freedBytes(),
            dryRun ? "" : ", kept " + report.keptBlobs() + " referenced again",
            report.compactedSegments(),
            report.reclaimedSegmentBytes(),
            report.millis());
    return 0;
  }
}
