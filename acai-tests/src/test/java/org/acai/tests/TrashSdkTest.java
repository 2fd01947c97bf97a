package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.acai.api.error.ForbiddenException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.NoSuchFileSetException;
import org.acai.api.error.NotFoundException;
import org.acai.api.lifecycle.DeleteFileRequest;
import org.acai.api.lifecycle.DeleteResult;
import org.acai.api.lifecycle.Pin;
import org.acai.api.lifecycle.TrashEntry;
import org.acai.api.storage.DirectoryEntry;
import org.acai.api.storage.FileVersionInfo;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.Condition;
import org.acai.sdk.internal.Transport;
import org.acai.sdk.transfer.BatchTransfers;
import org.acai.sdk.transfer.TransferOptions;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Deletes, the trash and restores through the SDK, against a real server. */
class TrashSdkTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @TempDir Path dir;
  private TestProject project;
  private AcaiClient user;

  @BeforeEach
  void newProject() {
    project = SERVER.newProject();
    user = SERVER.newUser(project);
  }

  @Test
  void deletedVersionIsHiddenItsNumberIsNotReusedAndRestoreBringsItBackExactly() throws Exception {
    upload(user, "/a.txt", "one");
    upload(user, "/a.txt", "two");
    user.meta().updateFileMeta("/a.txt:2", List.of("best"), Map.of("score", 9));
    FileVersionInfo before = user.files().listFileVersions("/a.txt").get(1);

    DeleteResult deleted = user.trash().deleteFile("/a.txt:2");

    assertThat(deleted.items()).isEqualTo(1);
    assertThat(deleted.pins()).isEmpty();
    assertThat(user.files().listFileVersions("/a.txt"))
        .extracting(FileVersionInfo::id)
        .containsExactly("/a.txt:1");
    assertThat(user.files().resolveVaguePath("/a.txt").id()).isEqualTo("/a.txt:1");
    assertThat(user.files().listDir("/")).extracting(DirectoryEntry::version).containsExactly(1);
    assertThat(user.meta().findFile(Condition.of("score").value(9))).isEmpty();
    assertThatThrownBy(() -> user.files().resolveVaguePath("/a.txt:2"))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(upload(user, "/a.txt", "three")).isEqualTo("/a.txt:3");

    user.trash().restore(deleted.trashId());

    assertThat(user.files().listFileVersions("/a.txt"))
        .extracting(FileVersionInfo::id)
        .containsExactly("/a.txt:1", "/a.txt:2", "/a.txt:3");
    assertThat(user.files().listFileVersions("/a.txt").get(1)).isEqualTo(before);
    assertThat(user.meta().findFile(Condition.of("score").value(9)))
        .singleElement()
        .satisfies(doc -> assertThat(doc).containsEntry("__version__", 2));
    assertThat(download(user, "/a.txt:2")).isEqualTo("two");
    assertThat(user.trash().list()).isEmpty();
  }

  @Test
  void pinnedVersionStaysReadableThroughItsSetAndTheAnswerNamesTheSet() throws Exception {
    upload(user, "/data/x.csv", "pinned bytes");
    user.fileSets().createFileSet("train", List.of("/data/x.csv"));

    DeleteResult deleted = user.trash().deleteFile("/data/x.csv");

    assertThat(deleted.pins())
        .containsExactly(new Pin("/data/x.csv:1", List.of("fileset train:1")));
    assertThatThrownBy(() -> user.files().resolveVaguePath("/data/x.csv"))
        .isInstanceOf(NoSuchFileException.class);
    assertThat(user.fileSets().listFileSetContent("train").files())
        .containsExactly("/data/x.csv:1");
    Path mount = Files.createDirectories(dir.resolve("mnt"));
    user.fileSets().downloadFileSet("train", mount);
    assertThat(Files.readString(mount.resolve("data/x.csv"))).isEqualTo("pinned bytes");
  }

  @Test
  void trashedMembersComeInABatchThroughTheirSetOnlyAndOnlyAsMembers() throws Exception {
    upload(user, "/p/a.csv", "alpha");
    upload(user, "/p/b.csv", "beta");
    upload(user, "/p/c.csv", "gamma");
    user.fileSets().createFileSet("pinned", List.of("/p/a.csv", "/p/b.csv"));
    user.trash().deleteFile("/p/a.csv");
    user.trash().deleteFile("/p/b.csv");
    Path mount = Files.createDirectories(dir.resolve("pinned"));

    // Two small members: the SDK fetches them in one batch, through the set.
    user.fileSets().downloadFileSet("pinned", mount);

    assertThat(mount.resolve("p/a.csv")).hasContent("alpha");
    assertThat(mount.resolve("p/b.csv")).hasContent("beta");
    String token = SERVER.newUserToken(project).userToken();
    BatchTransfers batches = new BatchTransfers(new Transport(SERVER.endpoint(), token));
    Path target = dir.resolve("refused.csv");
    TransferOptions options = TransferOptions.defaults();
    assertThatThrownBy(() -> batches.download(List.of("/p/a.csv:1"), List.of(target), options))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(
            () -> batches.download(List.of("/p/c.csv:1"), List.of(target), "pinned:1", options))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("file set pinned:1");
    assertThatThrownBy(
            () -> batches.download(List.of("/p/a.csv"), List.of(target), "pinned:1", options))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(
            () -> batches.download(List.of("/p/a.csv:1"), List.of(target), "ghost", options))
        .isInstanceOf(NoSuchFileSetException.class);
    assertThat(target).doesNotExist();
  }

  @Test
  void directoryNeedsRecursiveDryRunCountsAndRestoreBringsTheTreeBack() throws Exception {
    upload(user, "/d/a.txt", "a");
    upload(user, "/d/e/b.txt", "b");
    upload(user, "/d/e/b.txt", "b2");
    upload(user, "/keep_.txt", "k");

    assertThatThrownBy(() -> user.trash().deleteFile("/d"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("directory");
    DeleteResult preview = user.trash().deleteFile(new DeleteFileRequest("/d", true, true));
    assertThat(preview.trashId()).isNull();
    assertThat(preview.items()).isEqualTo(3);
    assertThat(preview.paths()).isEqualTo(2);
    assertThat(user.files().listDir("/")).hasSize(2);

    DeleteResult deleted = user.trash().deleteDirectory("/d/");

    assertThat(deleted.items()).isEqualTo(3);
    assertThat(user.files().listDir("/"))
        .extracting(DirectoryEntry::path)
        .containsExactly("keep_.txt");
    assertThat(user.trash().list()).extracting(TrashEntry::target).containsExactly("/d/");

    user.trash().restore(deleted.trashId());

    assertThat(user.files().listDir("/d"))
        .extracting(DirectoryEntry::path)
        .containsExactly("a.txt", "e");
    assertThat(download(user, "/d/e/b.txt")).isEqualTo("b2");
  }

  @Test
  void deletedDirectoryGoesFromItsListingWhatEverItsSiblingsNamesShare() throws Exception {
    upload(user, "/p/e/b.txt", "b");
    upload(user, "/p/e.1/c.txt", "c");
    upload(user, "/p/e0/d.txt", "d");
    upload(user, "/p/e_/f.txt", "f");

    user.trash().deleteDirectory("/p/e/");

    assertThat(user.files().listDir("/p"))
        .extracting(DirectoryEntry::path)
        .containsExactly("e.1", "e0", "e_");
    user.trash().deleteDirectory("/p/e_/");
    assertThat(user.files().listDir("/p"))
        .extracting(DirectoryEntry::path)
        .containsExactly("e.1", "e0");
  }

  @Test
  void usersDeleteTheirOwnUploadsAndProjectAdminsAnything() throws Exception {
    upload(project.admin(), "/admin.txt", "mine");
    upload(user, "/user.txt", "theirs");
    AcaiClient other = SERVER.newUser(project);

    assertThatThrownBy(() -> user.trash().deleteFile("/admin.txt"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("uploaded by other users");
    long trashId = project.admin().trash().deleteFile("/user.txt").trashId();

    assertThatThrownBy(() -> user.trash().deleteDirectory("/"))
        .isInstanceOf(ForbiddenException.class)
        .hasMessageContaining("1 file version(s)");
    assertThat(project.admin().trash().list()).extracting(TrashEntry::id).containsExactly(trashId);
    assertThat(other.trash().list()).isEmpty();
    assertThatThrownBy(() -> other.trash().restore(trashId)).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void anotherProjectCannotDeleteRestoreOrSeeTheTrash() throws Exception {
    upload(user, "/secret.txt", "s");
    AcaiClient stranger = SERVER.newProject().admin();

    assertThatThrownBy(() -> stranger.trash().deleteFile("/secret.txt"))
        .isInstanceOf(NoSuchFileException.class);
    long trashId = user.trash().deleteFile("/secret.txt").trashId();

    assertThat(stranger.trash().list()).isEmpty();
    assertThatThrownBy(() -> stranger.trash().restore(trashId))
        .isInstanceOf(NotFoundException.class);
    user.trash().restore(trashId);
    assertThat(download(user, "/secret.txt")).isEqualTo("s");
  }

  @Test
  void fileSetVersionDeleteHidesItKeepsItsFilesAndRestoresIt() throws Exception {
    upload(user, "/s/a.txt", "a");
    user.fileSets().createFileSet("sets", List.of("/s/a.txt"));
    user.fileSets().createFileSet("sets", List.of("/s/a.txt"));
    user.fileSets().createFileSet("derived", List.of("@sets:2"));

    DeleteResult deleted = user.trash().deleteFileSet("sets:2");

    assertThat(deleted.pins()).containsExactly(new Pin("sets:2", List.of("fileset derived:1")));
    assertThat(user.fileSets().resolveVagueName("sets")).isEqualTo("sets:1");
    assertThatThrownBy(() -> user.fileSets().listFileSetContent("sets:2"))
        .isInstanceOf(NoSuchFileSetException.class);
    assertThat(download(user, "/s/a.txt")).isEqualTo("a");
    user.trash().deleteFileSet("sets");
    assertThat(user.fileSets().listFileSets()).containsExactly("derived");

    user.trash().restore(deleted.trashId());

    assertThat(user.fileSets().resolveVagueName("sets")).isEqualTo("sets:2");
    assertThat(user.fileSets().listFileSets()).containsExactly("derived", "sets");
  }

  private String upload(AcaiClient client, String remote, String content) throws Exception {
    Path local = Files.createTempFile(dir, "up", ".txt");
    Files.writeString(local, content);
    return client.files().upload(Map.of(local.toString(), remote)).get(0).remote();
  }

  private String download(AcaiClient client, String remote) throws Exception {
    Path local = dir.resolve("down-" + System.nanoTime());
    client.files().download(Map.of(remote, local.toString()));
    return new String(Files.readAllBytes(local), UTF_8);
  }
}
