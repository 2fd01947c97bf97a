package org.acai.cli.admin;

import org.acai.api.lifecycle.Quota;
import picocli.CommandLine.Command;

/** {@code acai admin quota}: per-project limits. */
@Command(
    name = "quota",
    mixinStandardHelpOptions = true,
    description = "Per-project quotas: bytes, file versions, jobs not yet ended.",
    subcommands = {AdminQuotaSetCommand.class, AdminQuotaShowCommand.class})
public final class AdminQuotaCommand {
  static String describe(Quota quota) {
    return String.format(
        "Project %s: bytes %d of %s, files %d of %s, running jobs %d of %s",
        quota.projectId(),
        quota.usedBytes(),
        limit(quota.maxBytes()),
        quota.usedFiles(),
        limit(quota.maxFiles()),
        quota.runningJobs(),
        limit(quota.maxRunningJobs()));
  }

  private static String limit(Long value) {
    return value == null ? "unlimited" : value.toString();
  }
}
