package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.storage.FileVersionInfo;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.FilePair;
import org.acai.sdk.FilesList;
import org.acai.sdk.transfer.TransferOptions;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK's file transfers against a real server, on any blob store. */
abstract class FileSdkContract {
  @TempDir Path dir;
  private AcaiClient client;

  abstract AcaiServerExtension server();

  @BeforeEach
  void newProject() {
    client = server().newUser(server().newProject());
  }

  @Test
  void uploadAndDownloadRoundTripIncludingEmptyAndMultiMebibyteFiles() throws Exception {
    Path empty = write("empty.bin", new byte[0]);
    // Past 8 MiB, so the download takes the streaming path.
    byte[] bigBytes = randomBytes(9 * 1024 * 1024 + 17);
    Path big = write("big.bin", bigBytes);
    AtomicReference<long[]> last = new AtomicReference<>();

    FilesList uploaded =
        client
            .files()
            .upload(
                List.of(
                    new FilePair(empty.toString(), "/d/empty.bin"),
                    new FilePair(big.toString(), "d/big.bin")),
                null,
                TransferOptions.withListener(
                    (bytes, totalBytes, files, totalFiles) ->
                        last.set(new long[] {bytes, totalBytes, files, totalFiles})));
    Path out = Files.createDirectories(dir.resolve("out"));
    List<FilePair> downloaded =
        client
            .files()
            .download(
                ordered(
                    "/d/empty.bin", out.toString(), "/d/big.bin:1", out.resolve("copy.bin") + ""));

    assertThat(uploaded)
        .extracting(FilePair::remote)
        .containsExactly("/d/empty.bin:1", "/d/big.bin:1");
    assertThat(last.get()).containsExactly(bigBytes.length, bigBytes.length, 2, 2);
    assertThat(downloaded)
        .containsExactly(
            new FilePair(out.resolve("empty.bin").toString(), "/d/empty.bin:1"),
            new FilePair(out.resolve("copy.bin").toString(), "/d/big.bin:1"));
    assertThat(out.resolve("empty.bin")).isEmptyFile();
    assertThat(Files.readAllBytes(out.resolve("copy.bin"))).isEqualTo(bigBytes);
    assertThat(out.toFile().list()).containsExactlyInAnyOrder("empty.bin", "copy.bin");
  }

  @Test
  void uploadingSamePathTwiceCreatesVersion2() throws Exception {
    Path first = write("a.txt", "one".getBytes(UTF_8));
    Path second = write("b.txt", "two!".getBytes(UTF_8));

    FilesList v1 = client.files().upload(Map.of(first.toString(), "/v.txt"));
    FilesList v2 = client.files().upload(Map.of(second.toString(), "/v.txt"));
    client
        .files()
        .download(ordered("/v.txt:1", dir.resolve("v1") + "", "/v.txt", dir.resolve("v2") + ""));

    assertThat(v1).containsExactly(new FilePair(first.toString(), "/v.txt:1"));
    assertThat(v2).containsExactly(new FilePair(second.toString(), "/v.txt:2"));
    assertThat(client.files().listFileVersions("/v.txt"))
        .extracting(FileVersionInfo::id, FileVersionInfo::size)
        .containsExactly(tuple("/v.txt:1", 3L), tuple("/v.txt:2", 4L));
    assertThat(Files.readString(dir.resolve("v1"))).isEqualTo("one");
    assertThat(Files.readString(dir.resolve("v2"))).isEqualTo("two!");
    assertThat(client.files().resolveVaguePath("/v.txt").id()).isEqualTo("/v.txt:2");
  }

  @Test
  void oneBatchMayHoldTheSamePathTwiceAndFillsAnEmptyResultsList() throws Exception {
    Path a = write("a.txt", "a".getBytes(UTF_8));
    Path b = write("b.txt", "b".getBytes(UTF_8));
    List<FilePair> results = new ArrayList<>();

    FilesList uploaded =
        client
            .files()
            .upload(
                List.of(new FilePair(a.toString(), "/same"), new FilePair(b.toString(), "/same")),
                results);

    assertThat(uploaded).extracting(FilePair::remote).containsExactly("/same:1", "/same:2");
    assertThat(results).containsExactlyElementsOf(uploaded);
  }

  @Test
  void downloadIntoADirectoryKeepsTheNameWithoutVersion() throws Exception {
    Path local = write("report.csv", "x,y\n".getBytes(UTF_8));
    client.files().upload(Map.of(local.toString(), "/reports/q1/report.csv"));
    Path into = Files.createDirectories(dir.resolve("into"));

    client
        .files()
        .download(
            ordered(
                "/reports/q1/report.csv:1",
                into.toString(),
                "/reports/q1/report.csv",
                dir.resolve("new/sub/") + "/"));

    assertThat(into.resolve("report.csv")).hasContent("x,y");
    assertThat(dir.resolve("new/sub/report.csv")).hasContent("x,y");
  }

  @Test
  void missingLocalFileFailsBeforeAnythingIsSent() throws Exception {
    Path ok = write("ok.txt", "ok".getBytes(UTF_8));
    List<FilePair> pairs =
        List.of(
            new FilePair(ok.toString(), "/ok.txt"),
            new FilePair(dir.resolve("missing.txt").toString(), "/missing.txt"));

    assertThatThrownBy(() -> client.files().upload(pairs))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("missing.txt");
    assertThatThrownBy(() -> client.files().listFileVersions("/ok.txt"))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void unknownRemoteFileIs404AndWritesNothing() {
    Map<String, String> request = Map.of("/nope.txt", dir.resolve("nope.txt").toString());

    assertThatThrownBy(() -> client.files().download(request))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("/nope.txt");
    assertThat(dir.toFile().list()).isEmpty();
  }

  private static Map<String, String> ordered(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private Path write(String name, byte[] content) throws Exception {
    Path path = dir.resolve(name);
    Files.createDirectories(path.getParent());
    return Files.write(path, content);
  }
}
