package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acai.api.error.ConflictException;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.NoSuchFileSetException;
import org.acai.api.storage.FileSetContent;
import org.acai.api.storage.FileSetVersionInfo;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.ExistingFiles;
import org.acai.sdk.FilePair;
import org.acai.sdk.UploadFileMapping;
import org.acai.sdk.transfer.TransferOptions;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** File mappings and file sets through the SDK, against a real server. */
class FileSetSdkTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @TempDir Path dir;
  private AcaiClient client;

  @BeforeEach
  void newProject() {
    client = SERVER.newUser(SERVER.newProject());
  }

  @Test
  void downloadFileSetWithoutMountPointUsesTheCurrentDirectory() throws Exception {
    String top = "cwd-" + System.nanoTime();
    write("w.txt", "in the working directory");
    client.files().upload(Map.of(dir.resolve("w.txt").toString(), "/" + top + "/w.txt"));
    client.fileSets().createFileSet("cwd", List.of("/" + top + "/w.txt"));
    Path landed = Path.of(top, "w.txt");
    try {
      assertThat(client.fileSets().downloadFileSet("cwd")).isEqualTo("cwd:1");
      assertThat(landed).hasContent("in the working directory");
      assertThatThrownBy(() -> client.fileSets().downloadFileSet("cwd", null))
          .isInstanceOf(ConflictException.class);
      assertThat(
              client
                  .fileSets()
                  .downloadFileSet("cwd", null, ExistingFiles.REPLACE, TransferOptions.defaults()))
          .isEqualTo("cwd:1");
    } finally {
      Files.deleteIfExists(landed);
      Files.deleteIfExists(landed.getParent());
    }
  }

  @Test
  void convertToFileMappingKeepsLayoutAndReportsUnreadableEntries() throws Exception {
    write("a/b/c/1.txt", "1");
    write("a/b/c/d/2.txt", "22");
    write("a/b/3.txt", "333");
    Files.createSymbolicLink(dir.resolve("a/b/c/dangling"), dir.resolve("missing"));
    Path fifo = dir.resolve("a/b/c/d/pipe");
    boolean hasFifo = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
    List<String> ignored = new ArrayList<>();

    UploadFileMapping mapping =
        client
            .files()
            .convertToFileMapping(
                List.of(dir.resolve("a/b/3.txt").toString(), dir.resolve("a/b/c") + "/"),
                "/allen/",
                ignored);
    FileSetContent set = mapping.filesToUpload().upload().asNewFileSet("allen");

    assertThat(mapping.filesToUpload())
        .extracting(FilePair::remote)
        .containsExactly("/allen/3.txt", "/allen/1.txt", "/allen/d/2.txt");
    List<String> expectedIgnored = new ArrayList<>(List.of(dir.resolve("a/b/c/dangling") + ""));
    if (hasFifo) {
      expectedIgnored.add(fifo.toString());
    }
    assertThat(mapping.filesIgnored()).containsExactlyInAnyOrderElementsOf(expectedIgnored);
    assertThat(ignored).containsExactlyInAnyOrderElementsOf(expectedIgnored);
    assertThat(set.id()).isEqualTo("allen:1");
    assertThat(set.files()).containsExactly("/allen/1.txt:1", "/allen/3.txt:1", "/allen/d/2.txt:1");
    assertThat(client.files().listDir("/allen"))
        .extracting(entry -> entry.path(), entry -> entry.isDir())
        .containsExactly(tuple("1.txt", false), tuple("3.txt", false), tuple("d", true));
  }

  @Test
  void remotePathWithoutSlashTakesExactlyOneFile() throws Exception {
    Path one = write("one.txt", "1");
    List<String> two = List.of(one.toString(), one.toString());

    assertThat(client.files().convertToFileMapping(List.of(one.toString()), "/x/renamed.txt"))
        .extracting(mapping -> mapping.filesToUpload().get(0).remote())
        .isEqualTo("/x/renamed.txt");
    assertThatThrownBy(() -> client.files().convertToFileMapping(two, "/x"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Invalid remote path: /x");
  }

  @Test
  void downloadFileSetWritesNestedFoldersUnderTheMountPoint() throws Exception {
    uploadTree("mine");
    Path mount = Files.createDirectories(dir.resolve("mount"));

    String id = client.fileSets().downloadFileSet("mine", mount);

    assertThat(id).isEqualTo("mine:1");
    assertThat(mount.resolve("set/1.txt")).hasContent("1");
    assertThat(mount.resolve("set/sub/deeper/2.txt")).hasContent("2");
  }

  @Test
  void existingFilesAreRefusedBeforeAnythingIsWrittenUnlessForced() throws Exception {
    uploadTree("mine");
    Path mount = Files.createDirectories(dir.resolve("mount"));
    Files.createDirectories(mount.resolve("set/sub/deeper"));
    Files.writeString(mount.resolve("set/sub/deeper/2.txt"), "local");

    assertThatThrownBy(() -> client.fileSets().downloadFileSet("mine", mount))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("1 file(s) exist");
    assertThat(mount.resolve("set/1.txt")).doesNotExist();
    assertThat(mount.resolve("set/sub/deeper/2.txt")).hasContent("local");

    String forced =
        client
            .fileSets()
            .downloadFileSet("mine:1", mount, ExistingFiles.REPLACE, TransferOptions.defaults());
    assertThat(forced).isEqualTo("mine:1");
    assertThat(mount.resolve("set/1.txt")).hasContent("1");
    assertThat(mount.resolve("set/sub/deeper/2.txt")).hasContent("2");
  }

  @Test
  void mountPointIsNotCreated() throws Exception {
    uploadTree("mine");
    Path missing = dir.resolve("no-such-mount");

    assertThatThrownBy(() -> client.fileSets().downloadFileSet("mine", missing))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("is not a directory");
    assertThat(missing).doesNotExist();
  }

  @Test
  void fileSetsAreBuiltFromPathsAndOtherSetsAndVersioned() throws Exception {
    Path f = write("f.txt", "f");
    Path g = write("g.txt", "g");
    client.files().upload(Map.of(f.toString(), "/f.txt"));
    client.files().upload(Map.of(f.toString(), "/f.txt"));
    client.files().upload(Map.of(g.toString(), "/g.txt"));
    client.fileSets().createFileSet("base", List.of("/f.txt:1"));
    client.fileSets().createFileSet("base", List.of("/f.txt"));

    FileSetContent all = client.fileSets().createFileSet("all", List.of("@base:1", "/g.txt"));
    FileSetContent latest = client.fileSets().createFileSet("latest", List.of("@base"));

    assertThat(all.files()).containsExactly("/f.txt:1", "/g.txt:1");
    assertThat(latest.files()).containsExactly("/f.txt:2");
    assertThat(client.fileSets().resolveVagueName("base")).isEqualTo("base:2");
    assertThat(client.fileSets().listFileSetContent("base:1").files()).containsExactly("/f.txt:1");
    assertThat(client.fileSets().listFileSets()).containsExactly("all", "base", "latest");
    assertThat(client.fileSets().listFileSetVersions("base"))
        .extracting(FileSetVersionInfo::id, FileSetVersionInfo::fileCount)
        .containsExactly(tuple("base:1", 1), tuple("base:2", 1));
    assertThatThrownBy(() -> client.fileSets().createFileSet("bad", List.of("@nope")))
        .isInstanceOf(NoSuchFileSetException.class);
    assertThatThrownBy(() -> client.fileSets().createFileSet("bad", List.of("/f.txt:9")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void anotherProjectCannotSeeFilesOrSets() throws Exception {
    Path s = write("s.txt", "s");
    client.files().upload(Map.of(s.toString(), "/private/s.txt")).asNewFileSet("private");
    AcaiClient other = SERVER.newUser(SERVER.newProject());
    Path mount = Files.createDirectories(dir.resolve("other"));

    assertThatThrownBy(() -> other.files().listFileVersions("/private/s.txt"))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> other.files().listDir("/private"))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> other.files().download(Map.of("/private/s.txt", mount + "/")))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> other.fileSets().listFileSetContent("private"))
        .isInstanceOf(NoSuchFileSetException.class);
    assertThatThrownBy(() -> other.fileSets().downloadFileSet("private", mount))
        .isInstanceOf(NoSuchFileSetException.class);
    assertThatThrownBy(() -> other.fileSets().createFileSet("copy", List.of("@private")))
        .isInstanceOf(NoSuchFileSetException.class);
    assertThat(other.fileSets().listFileSets()).isEmpty();
    assertThat(other.files().listDir("/")).isEmpty();
    assertThat(mount.toFile().list()).isEmpty();
  }

  private void uploadTree(String setName) throws Exception {
    write("x/1.txt", "1");
    write("x/sub/deeper/2.txt", "2");
    client
        .files()
        .convertToFileMapping(List.of(dir.resolve("x").toString()), "/set/")
        .filesToUpload()
        .upload()
        .asNewFileSet(setName);
  }

  private Path write(String name, String content) throws Exception {
    Path path = dir.resolve(name);
    Files.createDirectories(path.getParent());
    return Files.write(path, content.getBytes(UTF_8));
  }
}
