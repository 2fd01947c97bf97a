package org.acai.cli.admin;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.acai.api.lifecycle.FsckReport;
import org.acai.cli.CliContext;
import org.acai.cli.project.AdminTokenOption;
import org.acai.sdk.AcaiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code acai admin fsck [--verify-hashes] [--repair]}. */
@Command(
    name = "fsck",
    mixinStandardHelpOptions = true,
    description = {
      "Check that the blob of every file version (visible or in the trash) exists; with",
      "--verify-hashes also that its bytes have the recorded size and SHA-256. Also reports",
      "dangling references and orphans (stored blobs no version references). Exit 1 if a blob",
      "is missing or corrupt or a reference dangles; orphans are garbage, not damage."
    })
public final class AdminFsckCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin private AdminTokenOption admin;

  @Option(names = "--verify-hashes", description = "Read every blob and check its SHA-256.")
  private boolean verifyHashes;

  @Option(
      names = "--repair",
      description = {
        "Do the safe repairs: hand orphan blobs to GC and delete segment files unknown for over",
        "an hour. Never deletes a referenced version."
      })
  private boolean repair;

  AdminFsckCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    AcaiClient client = admin.connect(context);
    FsckReport report =
        repair
            ? client.admin().fsckAndRepair(verifyHashes)
            : verifyHashes ? client.admin().fsckWithHashes() : client.admin().fsck();
    report.problems().forEach(context.out()::println);
    context
        .out()
        .printf(
            "%s: %d blob(s) checked, %d missing, %d corrupt, %d dangling reference(s),"
                + " %d orphan blob(s) (%d bytes), %d orphan segment(s), %d handed to GC,"
                + " %d waiting for GC, in %d ms%n",
            report.isClean() ? "clean" : "NOT CLEAN",
            report.checkedBlobs(),
            report.missingBlobs(),
            report.corruptBlobs(),
            report.danglingReferences(),
            report.orphanBlobs(),
            report.orphanBytes(),
            report.orphanSegments(),
            report.handedToGc(),
            report.pendingCandidates(),
            report.millis());
    return report.isClean() ? 0 : 1;
  }
}
