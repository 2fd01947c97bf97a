package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.acai.api.error.ConflictException;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.NoSuchFileSetException;
import org.acai.api.storage.FileSetContent;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.FilesList;
import org.acai.sdk.UploadFileMapping;
import org.acai.sdk.transfer.FilePair;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java SDK's File, FilesList and FileSet against a real server, on any blob store. */
abstract class FileSdkContract {
  @TempDir Path dir;
  private AcaiClient client;

  abstract AcaiServerExtension server();

  @BeforeEach
  void newProject() {
    client = server().newUser(server().newProject());
  }

  @Test
  void uploadAndDownloadRoundTripIncludingEmptyAndLargeFiles() throws Exception {
    Path empty = write("empty.bin", new byte[0]);
    byte[] bigBytes = new byte[5 * 1024 * 1024 + 17];
    new Random(7).nextBytes(bigBytes);
    Path big = write("big.bin", bigBytes);
    List<FilePair> results = new ArrayList<>();

    FilesList uploaded =
        client
            .files()
            .upload(
                List.of(
                    new FilePair(empty.toString(), "/d/empty.bin"),
                    new FilePair(big.toString(), "d/big.bin")),
                results,
                (a, b, c, d) -> {});
    Path out = Files.createDirectories(dir.resolve("out"));
    client
        .files()
        .download(
            Map.of(
                "/d/empty.bin",
                out.toString(),
                "/d/big.bin:1",
                out.resolve("copy.bin").toString()));

    assertThat(uploaded)
        .extracting(FilePair::remote)
        .containsExactly("/d/empty.bin:1", "/d/big.bin:1");
    assertThat(results).isEqualTo(uploaded);
    assertThat(out.resolve("empty.bin")).isEmptyFile();
    assertThat(Files.readAllBytes(out.resolve("copy.bin"))).isEqualTo(bigBytes);
  }

  @Test
  void samePathTwiceMakesVersionOneAndTwo() throws Exception {
    Path first = write("a.txt", "one".getBytes(UTF_8));
    Path second = write("b.txt", "two".getBytes(UTF_8));

    client.files().upload(Map.of(first.toString(), "/v.txt"));
    client.files().upload(Map.of(second.toString(), "/v.txt"));
    client
        .files()
        .download(
            Map.of(
                "/v.txt:1", dir.resolve("v1").toString(), "/v.txt", dir.resolve("v2").toString()));

    assertThat(client.files().listFileVersions("/v.txt")).hasSize(2);
    assertThat(Files.readString(dir.resolve("v1"))).isEqualTo("one");
    assertThat(Files.readString(dir.resolve("v2"))).isEqualTo("two");
    assertThat(client.files().resolveVaguePath("/v.txt").id()).isEqualTo("/v.txt:2");
  }

  @Test
  void convertToFileMappingKeepsLayoutAndReportsUnreadableFiles() throws Exception {
    Path tree = Files.createDirectories(dir.resolve("a/b/c/d"));
    write("a/b/c/1.txt", new byte[1]);
    write("a/b/c/d/2.txt", new byte[2]);
    write("a/b/3.txt", new byte[3]);
    Files.createSymbolicLink(dir.resolve("a/b/c/dangling"), dir.resolve("missing"));

    UploadFileMapping mapping =
        client
            .files()
            .convertToFileMapping(
                List.of(dir.resolve("a/b/3.txt").toString(), dir.resolve("a/b/c").toString() + "/"),
                "/allen/");
    FilesList uploaded = mapping.filesToUpload().upload();
    FileSetContent set = uploaded.asNewFileSet("allen");

    assertThat(tree).exists();
    assertThat(mapping.filesToUpload())
        .extracting(FilePair::remote)
        .containsExactly("/allen/3.txt", "/allen/1.txt", "/allen/d/2.txt");
    assertThat(mapping.filesIgnored()).containsExactly(dir.resolve("a/b/c/dangling").toString());
    assertThat(set.id()).isEqualTo("allen:1");
    assertThat(client.files().listDir("/allen"))
        .extracting(e -> e.path())
        .containsExactly("1.txt", "3.txt", "d");
  }

  @Test
  void downloadFileSetChecksEveryTargetBeforeWriting() throws Exception {
    write("x/1.txt", "1".getBytes(UTF_8));
    write("x/sub/2.txt", "2".getBytes(UTF_8));
    client
        .files()
        .convertToFileMapping(List.of(dir.resolve("x").toString()), "/set/")
        .filesToUpload()
        .upload()
        .asNewFileSet("mine");
    Path mount = Files.createDirectories(dir.resolve("mount"));
    Files.createDirectories(mount.resolve("set/sub"));
    Files.writeString(mount.resolve("set/sub/2.txt"), "local");

    assertThatThrownBy(
            () -> client.fileSets().downloadFileSet("mine", mount, false, (a, b, c, d) -> {}))
        .isInstanceOf(ConflictException.class);
    assertThat(mount.resolve("set/1.txt")).doesNotExist();
    assertThat(client.fileSets().downloadFileSet("mine", mount, true, (a, b, c, d) -> {}))
        .isEqualTo("mine:1");
    assertThat(Files.readString(mount.resolve("set/1.txt"))).isEqualTo("1");
    assertThat(Files.readString(mount.resolve("set/sub/2.txt"))).isEqualTo("2");
  }

  @Test
  void fileSetsComposeAndVersion() throws Exception {
    write("f.txt", "f".getBytes(UTF_8));
    FilesList up = client.files().upload(Map.of(dir.resolve("f.txt").toString(), "/f.txt"));
    up.asNewFileSet("base");
    client.fileSets().createFileSet("base", List.of("/f.txt:1"));
    FileSetContent all = client.fileSets().createFileSet("all", List.of("@base:1"));

    assertThat(all.files()).containsExactly("/f.txt:1");
    assertThat(client.fileSets().resolveVagueName("base")).isEqualTo("base:2");
    assertThat(client.fileSets().listFileSets()).containsExactly("all", "base");
    assertThat(client.fileSets().listFileSetVersions("base")).hasSize(2);
  }

  @Test
  void anotherProjectSeesNothing() throws Exception {
    write("s.txt", "s".getBytes(UTF_8));
    client
        .files()
        .upload(Map.of(dir.resolve("s.txt").toString(), "/s.txt"))
        .asNewFileSet("private");
    AcaiClient other = server().newUser(server().newProject());

    assertThatThrownBy(() -> other.files().listFileVersions("/s.txt"))
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> other.fileSets().listFileSetContent("private"))
        .isInstanceOf(NoSuchFileSetException.class);
    assertThat(other.files().listDir("/")).isEmpty();
  }

  private Path write(String name, byte[] content) throws Exception {
    Path path = dir.resolve(name);
    Files.createDirectories(path.getParent());
    return Files.write(path, content);
  }
}
