package org.acai.server.job.workspace;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.PayloadTooLargeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodeArchiveTest {
  @TempDir Path temp;
  private Path work;
  private Path outside;

  @BeforeEach
  void directories() throws IOException {
    work = Files.createDirectories(temp.resolve("jobs/job-1"));
    outside = temp.resolve("jobs");
  }

  @Test
  void unpacksFilesAndDirectoriesInArchiveOrder() throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("wordcount.py", "print('hi')");
    entries.put("lib/", null);
    entries.put("lib/util/helpers.py", "x = 1");
    entries.put("empty/", null);
    entries.put("data\\windows.txt", "from windows");

    var files = CodeArchive.unpack(zip(entries), work);

    assertThat(files)
        .containsExactly(
            work.resolve("wordcount.py"),
            work.resolve("lib/util/helpers.py"),
            work.resolve("data/windows.txt"));
    assertThat(work.resolve("wordcount.py")).hasContent("print('hi')");
    assertThat(work.resolve("lib/util/helpers.py")).hasContent("x = 1");
    assertThat(work.resolve("data/windows.txt")).hasContent("from windows");
    assertThat(work.resolve("empty")).isEmptyDirectory();
  }

  @ParameterizedTest
  @ValueSource(strings = {"../evil", "a/../../evil", "..\\evil", "/evil", "a/b/../../../evil"})
  void entriesEscapingTheDirectoryAreRefusedBeforeAnythingIsWritten(String name) {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("good.txt", "fine");
    entries.put(name, "gotcha");

    assertThatThrownBy(() -> CodeArchive.unpack(zip(entries), work))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid code archive: entry " + name + " escapes the working directory");
    assertThat(outside.resolve("evil")).doesNotExist();
    assertThat(Path.of("/evil")).doesNotExist();
    assertThat(work.resolve("good.txt")).hasContent("fine");
  }

  @Test
  void dotDotThatStaysInsideIsAllowed() throws IOException {
    var files = CodeArchive.unpack(zip(Map.of("a/../b.txt", "b")), work);
    assertThat(files).containsExactly(work.resolve("b.txt"));
  }

  @Test
  void writingThroughASymlinkedDirectoryIsRefused() throws IOException {
    Path secrets = Files.createDirectories(temp.resolve("secrets"));
    Files.createSymbolicLink(work.resolve("link"), secrets);

    assertThatThrownBy(() -> CodeArchive.unpack(zip(Map.of("link/x", "gotcha")), work))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid code archive: entry link/x escapes the working directory");
    assertThat(secrets).isEmptyDirectory();
  }

  @Test
  void overwritingASymlinkedFileIsRefused() throws IOException {
    Path target = Files.writeString(temp.resolve("passwd"), "root");
    Files.createSymbolicLink(work.resolve("f"), target);

    assertThatThrownBy(() -> CodeArchive.unpack(zip(Map.of("f", "gotcha")), work))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid code archive: entry f escapes the working directory");
    assertThat(target).hasContent("root");
  }

  @Test
  void existingRegularFilesAreOverwritten() throws IOException {
    Files.writeString(work.resolve("a.txt"), "old and longer");
    CodeArchive.unpack(zip(Map.of("a.txt", "new")), work);
    assertThat(work.resolve("a.txt")).hasContent("new");
  }

  @Test
  void bytesPastTheLimitStopTheUnpacking() {
    // 10 MB of zeros compress to about 10 KB: the classic bomb, with honest headers or not.
    Map<String, String> entries = Map.of("bomb.txt", "\0".repeat(10_000_000));

    assertThatThrownBy(() -> CodeArchive.unpack(zip(entries), work, 1_000_000, 10))
        .isInstanceOf(PayloadTooLargeException.class)
        .hasMessage("Cannot unpack code archive: more than 1000000 bytes uncompressed");
  }

  @Test
  void entriesPastTheLimitStopTheUnpacking() {
    Map<String, String> entries = new LinkedHashMap<>();
    for (int i = 0; i < 11; i++) {
      entries.put("f" + i, "x");
    }
    assertThatThrownBy(() -> CodeArchive.unpack(zip(entries), work, 1000, 10))
        .isInstanceOf(PayloadTooLargeException.class)
        .hasMessage("Cannot unpack code archive: more than 10 entries");
  }

  @Test
  void somethingElseThanAZipIsRefused() {
    InputStream text = new ByteArrayInputStream("hello".getBytes(UTF_8));
    assertThatThrownBy(() -> CodeArchive.unpack(text, work))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid code archive: not a zip file");
  }

  @Test
  void emptyZipGivesNoFiles() throws IOException {
    assertThat(CodeArchive.unpack(zip(Map.of()), work)).isEmpty();
  }

  @Test
  void duplicateEntriesAreRefused() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry("a.txt"));
      out.putNextEntry(new ZipEntry("./a.txt"));
    }
    InputStream zip = new ByteArrayInputStream(bytes.toByteArray());
    assertThatThrownBy(() -> CodeArchive.unpack(zip, work))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid code archive: entry ./a.txt appears twice");
  }

  @Test
  void fileInTheWayOfADirectoryIsRefused() {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("a", "file");
    entries.put("a/b", "below a file");
    assertThatThrownBy(() -> CodeArchive.unpack(zip(entries), work))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("Invalid code archive: entry a/b needs a to be a directory");
  }

  /** A zip of the entries in order; a null content makes a directory entry. */
  private static InputStream zip(Map<String, String> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        if (entry.getValue() != null) {
          out.write(entry.getValue().getBytes(UTF_8));
        }
        out.closeEntry();
      }
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }
}
