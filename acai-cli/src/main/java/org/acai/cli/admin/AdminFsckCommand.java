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

/** {@code acai admin fsck [--verify-hashes]}. */
@Command(
    name = "fsck",
    mixinStandardHelpOptions = true,
    description = {
      "Check that the blob of every file version (visible or in the trash) exists; with",
      "--verify-hashes also that its bytes have the recorded size and SHA-256. Exit 1 if not."
    })
public final class AdminFsckCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin private AdminTokenOption admin;

  @Option(names = "--verify-hashes", description = "Read every blob and check its SHA-256.")
  private boolean verifyHashes;

  AdminFsckCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws IOException {
    AcaiClient client = admin.connect(context);
    FsckReport report = verifyHashes ? client.admin().fsckWithHashes() : client.admin().fsck();
    report.problems().forEach(context.out()::println);
    context
        .out()
        .printf(
            "%s: %d blob(s) checked, %d missing, %d corrupt, %d waiting for GC, in %d ms%n",
            report.isClean() ? "clean" : "NOT CLEAN",
            report.checkedBlobs(),
            report.missingBlobs(),
            report.corruptBlobs(),
            report.pendingCandidates(),
            report.millis());
    return report.isClean() ? 0 : 1;
  }
}
