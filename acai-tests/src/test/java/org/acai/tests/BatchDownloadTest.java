package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.error.ServiceFailureException;
import org.acai.api.storage.BatchFormat;
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
 * Where a batch download's files land: new ones in place, existing ones replaced whole. Many files
 * come in parts, the next one asked for while the current one is written: every file arrives, and a
 * part that fails ends the download there.
 */
class BatchDownloadTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @TempDir Path dir;
  private String token;
  private AcaiClient client;

  @BeforeEach
  void newUser() {
    token = SERVER.newUserToken(SERVER.newProject()).userToken();
    client = AcaiClient.connect(SERVER.endpoint(), token);
  }

  @Test
  void aDownloadWritesNewFilesInPlaceAndReplacesAnExistingOneWhole() throws Exception {
    Path a = Files.writeString(dir.resolve("a.txt"), "alpha");
    Path b = Files.writeString(dir.resolve("b.txt"), "beta");
    List<FilePair> uploaded =
        client
            .files()
            .upload(
                List.of(
                    new FilePair(a.toString(), "/place/a.txt"),
                    new FilePair(b.toString(), "/place/b.txt")));
    Path out = Files.createDirectories(dir.resolve("place-out"));
    Files.writeString(out.resolve("b.txt"), "an older, longer b");
    BatchTransfers batches = batches();

    batches.download(
        uploaded.stream().map(FilePair::remote).toList(),
        List.of(out.resolve("a.txt"), out.resolve("b.txt")),
        TransferOptions.defaults());

    assertThat(out.resolve("a.txt")).hasContent("alpha");
    assertThat(out.resolve("b.txt")).hasContent("beta");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("a.txt", "b.txt");
    }
  }

  /**
   * A file that cannot be written (here its folder is gone) ends the download with an error naming
   * it, and no file after it is written.
   */
  @Test
  void aFileThatCannotBeWrittenEndsTheDownloadWithItsName() throws Exception {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (int i = 0; i < 50; i++) {
      pairs.put(Files.writeString(dir.resolve("w" + i), "w" + i).toString(), "/writer/w" + i);
    }
    List<String> ids = client.files().upload(pairs).stream().map(FilePair::remote).toList();
    Path out = Files.createDirectories(dir.resolve("writer-out"));
    List<Path> targets = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      targets.add(i == 10 ? dir.resolve("no-such-folder").resolve("w10") : out.resolve("w" + i));
    }
    BatchTransfers batches = batches();

    assertThatThrownBy(() -> batches.download(ids, targets, TransferOptions.defaults()))
        .isInstanceOf(ServiceFailureException.class)
        .hasMessageContaining("no-such-folder");
    assertThat(out.resolve("w9")).hasContent("w9");
    assertThat(out.resolve("w11")).doesNotExist();
  }

  /**
   * A reader slower than the server (here a listener that pauses; in life a busy disk) must not
   * make the SDK allocate in proportion to what waits in the socket. The JDK's chunked HTTP stream
   * read all of it ahead, into buffers regrown to fit, whenever a buffered read came up short: the
   * resident client then met storms of full collections.
   */
  @Test
  void aSlowReaderAllocatesAboutWhatItDownloads() throws Exception {
    int files = 2000;
    int size = 16 * 1024;
    Path source = Files.createDirectories(dir.resolve("slow-in"));
    byte[] content = new byte[size];
    for (int i = 0; i < files; i++) {
      new Random(i).nextBytes(content);
      Files.write(source.resolve("f" + i), content);
    }
    List<FilePair> uploaded =
        client
            .files()
            .upload(
                client
                    .files()
                    .convertToFileMapping(List.of(source + "/"), "/slow/")
                    .filesToUpload());
    Path out = Files.createDirectories(dir.resolve("slow-out"));
    BatchTransfers batches = batches();
    TransferOptions slow =
        TransferOptions.withListener(
            (bytesDone, bytesTotal, filesDone, filesTotal) -> {
              if (filesDone % 25 == 0) {
                pause();
              }
            });
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();

    long before = threads.getThreadAllocatedBytes(thread);
    batches.download(
        uploaded.stream().map(FilePair::remote).toList(),
        uploaded.stream().map(pair -> out.resolve(Path.of(pair.local()).getFileName())).toList(),
        slow);
    long allocated = threads.getThreadAllocatedBytes(thread) - before;

    assertThat(out.resolve("f1999")).hasBinaryContent(content);
    System.out.printf(
        "slow batch download: %d MB allocated for %d MB%n",
        allocated >> 20, ((long) files * size) >> 20);
    assertThat(allocated).as("bytes allocated").isLessThan(3L * files * size);
  }

  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aFileSetOfOneSmallAndOneBigMemberDownloadsBothThoughOnlyTheBigOneHasAUrl() throws Exception {
    // The SDK asks for URLs of big members only, so the one small member must go in a batch.
    byte[] big = new byte[(2 << 20) + 5];
    new Random(7).nextBytes(big);
    Path small = Files.writeString(dir.resolve("small.txt"), "tiny");
    Path large = Files.write(dir.resolve("large.bin"), big);
    client
        .files()
        .upload(
            List.of(
                new FilePair(small.toString(), "/mix/small.txt"),
                new FilePair(large.toString(), "/mix/large.bin")));
    client.fileSets().createFileSet("mix", List.of("/mix/small.txt", "/mix/large.bin"));
    Path out = Files.createDirectories(dir.resolve("mix-out"));

    assertThat(client.fileSets().downloadFileSet("mix", out)).isEqualTo("mix:1");

    assertThat(out.resolve("mix/small.txt")).hasContent("tiny");
    assertThat(out.resolve("mix/large.bin")).hasBinaryContent(big);
  }

  @Test
  void aDownloadedFileWhoseBytesDoNotMatchIsRemoved() throws Exception {
    // A server (or a proxy) that sends other bytes than the digest it declares.
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    DataOutputStream frames = new DataOutputStream(stream);
    frames.write(BatchFormat.DOWNLOAD_MAGIC);
    byte[] name = "/t/a.txt:1".getBytes(UTF_8);
    frames.writeByte(BatchFormat.FILE);
    frames.writeShort(name.length);
    frames.write(name);
    frames.writeLong(8);
    frames.write(MessageDigest.getInstance("SHA-256").digest("expected".getBytes(UTF_8)));
    frames.write("tampered".getBytes(UTF_8));
    frames.writeByte(BatchFormat.END);
    com.sun.net.httpserver.HttpServer liar =
        com.sun.net.httpserver.HttpServer.create(
            new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    liar.createContext(
        "/storage/download_batch",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("Content-Type", BatchFormat.MEDIA_TYPE);
          exchange.sendResponseHeaders(200, stream.size());
          exchange.getResponseBody().write(stream.toByteArray());
          exchange.close();
        });
    liar.start();
    try {
      URI endpoint = URI.create("http://127.0.0.1:" + liar.getAddress().getPort());
      BatchTransfers batches = new BatchTransfers(new Transport(endpoint, token));
      Path target = dir.resolve("lied.txt");

      assertThatThrownBy(
              () ->
                  batches.download(
                      List.of("/t/a.txt:1"), List.of(target), TransferOptions.defaults()))
          .hasMessageContaining("do not match their SHA-256");
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(path -> path.getFileName().toString())).doesNotContain("lied.txt");
      }
    } finally {
      liar.stop(0);
    }
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
   * Two parts are written at once. One member of the second part (f3999 is 3,334th in path order,
   * well into it) is damaged on the server's disk: the download fails, the first part, running
   * beside it, ends whole, and every file left is whole.
   */
  @Test
  void aDamagedMemberFailsAFileSetDownloadAndLeavesOnlyWholeFiles() throws Exception {
    List<String> ids = upload("damaged", 4_100);
    client.fileSets().createFileSet("damaged", ids);
    String sha = client.files().listFileVersions("/damaged/f3999").get(0).sha256();
    Map<String, Object> at =
        SERVER.withDatabase(
            handle ->
                handle
                    .createQuery(
                        "SELECT s.name, p.\"offset\" FROM packed_blobs p"
                            + " JOIN blob_segments s ON s.id = p.segment_id WHERE p.sha256 = :sha")
                    .bind("sha", sha)
                    .mapToMap()
                    .one());
    Path segment = SERVER.home().resolve("blobs/segments").resolve((String) at.get("name"));
    try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap("X".getBytes(UTF_8)), (Long) at.get("offset"));
    }
    Path out = Files.createDirectories(dir.resolve("damaged-out"));

    assertThatThrownBy(() -> client.fileSets().downloadFileSet("damaged", out))
        .isInstanceOf(ServiceFailureException.class);

    assertThat(out.resolve("damaged/f3999")).doesNotExist();
    assertThat(out.resolve("damaged/f0")).hasContent(content("damaged", 0));
    List<Path> left;
    try (Stream<Path> files = Files.list(out.resolve("damaged"))) {
      left = files.toList();
    }
    // The first part's 2,000 files and the second's 1,333 before the damaged one.
    assertThat(left).hasSizeGreaterThanOrEqualTo(3_333);
    for (Path file : left) {
      int i = Integer.parseInt(file.getFileName().toString().substring(1));
      assertThat(file).hasContent(content("damaged", i));
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
