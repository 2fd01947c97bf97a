package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** rm, fileset rm, trash ls, restore, admin gc and admin fsck as a user types them. */
class LifecycleCommandsTest {
  @RegisterExtension
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension().withEnv("ACAI_RETENTION", "0").withEnv("ACAI_GC_GRACE", "0");

  private static final Pattern TRASH_ID = Pattern.compile("trash entry (\\d+)");

  @TempDir Path dir;
  private CliRunner cli;

  @BeforeEach
  void user() {
    String token = SERVER.newUserToken(SERVER.newProject()).userToken();
    cli =
        new CliRunner(SERVER.endpoint().toString(), dir.resolve("credentials"))
            .with("ACAI_TOKEN", token);
  }

  @Test
  void rmShowsTheCountAndNeedsYesThenTrashLsAndRestoreBringTheTreeBack() throws Exception {
    Files.createDirectories(dir.resolve("data/sub"));
    Files.writeString(dir.resolve("data/a.txt"), "alpha");
    Files.writeString(dir.resolve("data/sub/b.txt"), "beta");
    assertThat(cli.run("put", dir.resolve("data").toString(), "/ds/").code()).isZero();

    CliRunner.Result refused = cli.run("rm", "/ds", "-r");
    CliRunner.Result noRecursive = cli.run("rm", "/ds", "--yes");
    CliRunner.Result removed = cli.run("rm", "/ds", "-r", "--yes");
    CliRunner.Result ls = cli.run("ls", "/");
    CliRunner.Result trash = cli.run("trash", "ls");
    CliRunner.Result restored = cli.run("restore", trashId(removed));
    CliRunner.Result lsAfter = cli.run("ls", "/ds");

    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err().strip())
        .isEqualTo(
            "acai: Cannot delete 2 file version(s) on 2 path(s) under /ds without confirmation:"
                + " add --yes");
    assertThat(noRecursive.err()).contains("it is a directory");
    assertThat(removed.code()).as(removed.err()).isZero();
    assertThat(removed.out()).contains("Deleted 2 file version(s) on 2 path(s)");
    assertThat(ls.out().strip()).isEmpty();
    assertThat(trash.out()).contains("/ds/").contains("file");
    assertThat(restored.out()).contains("Restored /ds/ (2 file item(s))");
    assertThat(lsAfter.out().lines()).containsExactly("sub/", "a.txt");
    assertThat(cli.run("trash", "ls").out()).contains("The trash is empty.");
  }

  @Test
  void filesetRmNamesTheSetsStillUsingItAndAdminGcReportsWhatItFreed() throws Exception {
    // Over the batch limit (1 MiB), so it is stored as a blob file of its own: GC does not yet
    // compact the segment files that small files are packed into.
    Files.writeString(dir.resolve("x.txt"), ("x " + System.nanoTime() + "\n").repeat(100_000));
    assertThat(cli.run("put", dir.resolve("x.txt").toString(), "/x.txt", "--fileset", "xs").code())
        .isZero();

    CliRunner.Result fileRm = cli.run("rm", "/x.txt:1", "--yes");
    CliRunner.Result setRm = cli.run("fileset", "rm", "xs", "--yes");
    CliRunner.Result asUser = cli.run("admin", "gc");
    CliRunner admin = cli.with("ACAI_ADMIN_TOKEN", SERVER.adminToken());
    CliRunner.Result dryRun = admin.run("admin", "gc", "--dry-run");
    // The first run purges the set; the file it pinned goes in the next.
    admin.run("admin", "gc");
    CliRunner.Result gc = admin.run("admin", "gc");

    assertThat(setRm.out()).contains("Deleted 1 version(s) of file set xs");
    assertThat(fileRm.out()).contains("/x.txt:1 stays readable through fileset xs:1");
    assertThat(asUser.code()).isEqualTo(1);
    assertThat(dryRun.out()).startsWith("Would purge ");
    assertThat(gc.code()).as(gc.err()).isZero();
    assertThat(gc.out()).containsPattern("Purged \\d+ trashed item\\(s\\), freed [1-9]\\d* blob");
  }

  @Test
  void adminFsckRepairHandsAnOrphanToGcAndSaysSoOnOneLine() throws Exception {
    String key = "cli-fsck/" + System.nanoTime();
    SERVER
        .server()
        .blobs()
        .stage(
            key,
            new java.io.ByteArrayInputStream(
                ("orphan " + key).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            null,
            null);
    SERVER.server().blobs().commit(key, null);
    CliRunner admin = cli.with("ACAI_ADMIN_TOKEN", SERVER.adminToken());

    CliRunner.Result found = admin.run("admin", "fsck");
    CliRunner.Result repaired = admin.run("admin", "fsck", "--repair");
    admin.run("admin", "gc");
    CliRunner.Result after = admin.run("admin", "fsck");

    assertThat(found.code()).as(found.err()).isZero();
    assertThat(found.out()).containsPattern("clean: .* [1-9]\\d* orphan blob\\(s\\)");
    assertThat(repaired.out()).containsPattern("[1-9]\\d* handed to GC");
    assertThat(after.out()).contains(" 0 orphan blob(s)");
  }

  private static String trashId(CliRunner.Result removed) {
    Matcher matcher = TRASH_ID.matcher(removed.out());
    assertThat(matcher.find()).as(removed.out() + removed.err()).isTrue();
    return matcher.group(1);
  }
}
