package org.acai.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.acai.api.error.ConflictException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.storage.FileSetDownload;
import org.acai.sdk.transfer.DownloadTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a file-set download may write, decided before anything is written. */
class MountPlanTest {
  @TempDir Path dir;

  @Test
  void membersLandAtTheirPathsUnderTheMountPoint() throws Exception {
    Path mount = Files.createDirectories(dir.resolve("mount"));

    List<DownloadTask> tasks =
        MountPlan.of(set("/a/1.txt", "b/2.txt"), mount, ExistingFiles.REFUSE).prepare();

    assertThat(tasks)
        .extracting(DownloadTask::target)
        .containsExactly(mount.resolve("a/1.txt"), mount.resolve("b/2.txt"));
    assertThat(mount.resolve("a")).isDirectory();
  }

  @Test
  void dotDotAndRootPathsAreRefusedBeforeAnyFolderIsCreated() throws Exception {
    Path mount = Files.createDirectories(dir.resolve("mount"));

    for (String evil : List.of("/ok/../../escape.txt", "../escape.txt", "/", "a/../b")) {
      assertThatThrownBy(() -> MountPlan.of(set("/ok/1.txt", evil), mount, ExistingFiles.REPLACE))
          .as(evil)
          .isInstanceOf(InvalidRequestException.class);
    }
    assertThat(mount.toFile().list()).isEmpty();
  }

  @Test
  void symbolicLinksInsideTheMountPointAreNotFollowed() throws Exception {
    Path mount = Files.createDirectories(dir.resolve("mount"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.createSymbolicLink(mount.resolve("link"), outside);

    assertThatThrownBy(() -> MountPlan.of(set("/link/x.txt"), mount, ExistingFiles.REPLACE))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("symbolic link");
    assertThat(outside.toFile().list()).isEmpty();
  }

  @Test
  void aBrokenLinkUnderAMembersNameIsAnExistingFile() throws Exception {
    Path mount = Files.createDirectories(dir.resolve("mount"));
    Path gone = dir.resolve("gone.txt");
    Files.createDirectories(mount.resolve("d"));
    Files.createSymbolicLink(mount.resolve("d/x.txt"), gone);

    assertThatThrownBy(() -> MountPlan.of(set("/d/x.txt"), mount, ExistingFiles.REFUSE))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("exist");
    assertThat(gone).doesNotExist();
  }

  @Test
  void filesAndFoldersInTheWayAreConflicts() throws Exception {
    Path mount = Files.createDirectories(dir.resolve("mount"));
    Files.writeString(mount.resolve("a"), "a file where a folder should be");
    Files.createDirectories(mount.resolve("folder"));

    assertThatThrownBy(() -> MountPlan.of(set("/a/1.txt"), mount, ExistingFiles.REPLACE))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("is a file, not a folder");
    assertThatThrownBy(() -> MountPlan.of(set("/folder"), mount, ExistingFiles.REPLACE))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("is a folder");
  }

  @Test
  void existingFilesAreRefusedOrReplacedAsAsked() throws Exception {
    Path mount = Files.createDirectories(dir.resolve("mount"));
    Files.writeString(mount.resolve("1.txt"), "local");

    assertThatThrownBy(() -> MountPlan.of(set("/1.txt", "/2.txt"), mount, ExistingFiles.REFUSE))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("1 file(s) exist");
    assertThat(MountPlan.of(set("/1.txt", "/2.txt"), mount, ExistingFiles.REPLACE).prepare())
        .hasSize(2);
  }

  private static FileSetDownload set(String... paths) {
    return new FileSetDownload(
        "s:1",
        List.of(paths).stream()
            .map(path -> new FileSetDownload.Entry(path, "http://127.0.0.1:1/x", 1, 0, null))
            .toList());
  }
}
