package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.ServiceFailureException;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.FilePair;
import org.acai.sdk.internal.Transport;
import org.acai.sdk.transfer.BatchTransfers;
import org.acai.sdk.transfer.BatchTransfers.DownloadPart;
import org.acai.sdk.transfer.TransferOptions;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download of many small files comes in parts, the next one asked for while the current one is
 * written: every file arrives, in its place, and a part that fails ends the download there.
 */
class PipelinedDownloadTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @TempDir Path dir;
  private String token;
  private AcaiClient client;

  @BeforeEach
  void newUser() {
    token = SERVER.newUserToken(SERVER.newProject()).userToken();
    client = AcaiClient.connect(SERVER.endpoint(), token);
  }

  /** More members than two parts hold (2,000 files each), so three answers follow each other. */
  @Test
  void aFileSetOfSeveralPartsArrivesWhole() throws Exception {
    List<String> ids = upload("many", 4_100);
    client.fileSets().createFileSet("many", ids);
    Path out = Files.createDirectories(dir.resolve("many-out"));

    assertThat(client.fileSets().downloadFileSet("many", out)).isEqualTo("many:1");

    try (Stream<Path> files = Files.list(out.resolve("many"))) {
      assertThat(files).hasSize(4_100);
    }
    for (int i : new int[] {0, 1_999, 2_000, 3_999, 4_000, 4_099}) {
      assertThat(out.resolve("many/f" + i)).hasContent(content("many", i));
    }
  }

  /**
   * The server refuses the second part (a file that does not exist) while the first is written: its
   * error is the download's, the first part's files are all there, and none of the third's.
   */
  @Test
  void aPartTheServerRefusesEndsTheDownloadAfterThePartsBefore() throws Exception {
    List<String> ids = upload("refused", 20);
    Path out = Files.createDirectories(dir.resolve("refused-out"));
    List<DownloadPart> parts =
        List.of(
            part(ids.subList(0, 10), out, 0),
            new DownloadPart(
                List.of("/refused/none:1"),
                List.of(out.resolve("none")),
                TransferOptions.defaults()),
            part(ids.subList(10, 20), out, 10));

    assertThatThrownBy(() -> batches().download(parts, null))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("/refused/none");

    assertThat(out.resolve("f9")).hasContent(content("refused", 9));
    assertThat(out.resolve("none")).doesNotExist();
    assertThat(out.resolve("f10")).doesNotExist();
  }

  /** A file of the second part cannot be written: nothing after it is, the third part included. */
  @Test
  void aPartThatCannotBeWrittenEndsTheDownloadThere() throws Exception {
    List<String> ids = upload("unwritable", 30);
    Path out = Files.createDirectories(dir.resolve("unwritable-out"));
    DownloadPart second = part(ids.subList(10, 20), out, 10);
    List<Path> targets = new ArrayList<>(second.targets());
    targets.set(5, dir.resolve("no-such-folder").resolve("f15"));
    List<DownloadPart> parts =
        List.of(
            part(ids.subList(0, 10), out, 0),
            new DownloadPart(second.ids(), targets, second.options()),
            part(ids.subList(20, 30), out, 20));

    assertThatThrownBy(() -> batches().download(parts, null))
        .isInstanceOf(ServiceFailureException.class)
        .hasMessageContaining("no-such-folder");

    assertThat(out.resolve("f14")).hasContent(content("unwritable", 14));
    assertThat(out.resolve("f16")).doesNotExist();
    assertThat(out.resolve("f20")).doesNotExist();
    // The next download on this client is not disturbed by the answer left unread.
    batches().download(List.of(part(ids.subList(20, 30), out, 20)), null);
    assertThat(out.resolve("f29")).hasContent(content("unwritable", 29));
  }

  private BatchTransfers batches() {
    return new BatchTransfers(new Transport(SERVER.endpoint(), token));
  }

  /** Files {@code /name/f<i>} of distinct small contents; their explicit ids, in order. */
  private List<String> upload(String name, int count) throws Exception {
    Path local = Files.createDirectories(dir.resolve(name));
    Map<String, String> pairs = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      Path file = Files.writeString(local.resolve("f" + i), content(name, i));
      pairs.put(file.toString(), "/" + name + "/f" + i);
    }
    return client.files().upload(pairs).stream().map(FilePair::remote).toList();
  }

  /** The part of {@code ids}, the first being file {@code first}, each to {@code out/f<i>}. */
  private static DownloadPart part(List<String> ids, Path out, int first) {
    List<Path> targets = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      targets.add(out.resolve("f" + (first + i)));
    }
    return new DownloadPart(ids, targets, TransferOptions.defaults());
  }

  private static String content(String name, int i) {
    return name + " file " + i + "\n";
  }
}
