package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.error.NoSuchFileException;
import org.acai.api.storage.DirectoryEntry;
import org.acai.api.storage.DirectoryPage;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.FilePair;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A large directory listed page by page through the SDK: every entry once, in order. */
class DirectoryPagingSdkTest {
  private static final int FILES = 2_500;

  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @TempDir static Path dir;
  private static AcaiClient client;

  @BeforeAll
  static void uploadManyFilesAndThreeSubdirectories() throws Exception {
    client = SERVER.newUser(SERVER.newProject());
    List<FilePair> pairs = new ArrayList<>();
    for (int i = 0; i < FILES; i++) {
      Path file = Files.writeString(dir.resolve("f" + i), "file " + i);
      pairs.add(new FilePair(file.toString(), String.format("/many/f%05d.txt", i)));
    }
    for (String sub : List.of("c", "a", "b")) {
      pairs.add(new FilePair(pairs.get(0).local(), "/many/" + sub + "/inner.txt"));
    }
    client.files().upload(pairs);
  }

  @Test
  void streamingADirectoryYieldsSubdirectoriesThenEveryFileByNameAcrossPages() {
    List<DirectoryEntry> entries = client.files().streamDir("/many").toList();

    assertThat(entries).hasSize(FILES + 3);
    assertThat(entries.subList(0, 3))
        .extracting(DirectoryEntry::path)
        .containsExactly("a", "b", "c");
    assertThat(entries.subList(0, 3)).allMatch(DirectoryEntry::isDir);
    assertThat(entries.get(3).path()).isEqualTo("f00000.txt");
    assertThat(entries.get(FILES + 2).path()).isEqualTo(String.format("f%05d.txt", FILES - 1));
    assertThat(entries.get(3).version()).isEqualTo(1);
    assertThat(entries).extracting(DirectoryEntry::path).doesNotHaveDuplicates();
    assertThat(client.files().listDir("/many")).containsExactlyInAnyOrderElementsOf(entries);
  }

  @Test
  void eachPageHoldsAtMostTheLimitAndNamesTheNextUntilTheLast() {
    DirectoryPage first = client.files().listDirPage("/many", null, 2);
    DirectoryPage second = client.files().listDirPage("/many", first.next(), 2);
    DirectoryPage last = client.files().listDirPage("/many", "f02497.txt", 10);

    assertThat(first.entries()).extracting(DirectoryEntry::path).containsExactly("a", "b");
    assertThat(first.next()).isEqualTo("b/");
    assertThat(second.entries())
        .extracting(DirectoryEntry::path)
        .containsExactly("c", "f00000.txt");
    assertThat(second.next()).isEqualTo("f00000.txt");
    assertThat(last.entries())
        .extracting(DirectoryEntry::path)
        .containsExactly("f02498.txt", "f02499.txt");
    assertThat(last.next()).isNull();
  }

  @Test
  void aLimitOutOfRangeOrAnotherProjectsDirectoryIsRefused() {
    AcaiClient other = SERVER.newUser(SERVER.newProject());

    assertThatThrownBy(() -> client.files().listDirPage("/many", null, 0))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Invalid limit: 0");
    assertThatThrownBy(() -> client.files().listDirPage("/many", null, 10_001))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> other.files().streamDir("/many").findFirst())
        .isInstanceOf(NoSuchFileException.class);
    assertThatThrownBy(() -> client.files().listDirPage("/many", "../../etc", 10))
        .isInstanceOf(InvalidRequestException.class);
  }
}
