package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.acai.api.error.InvalidRequestException;
import org.acai.api.storage.DirectoryEntry;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.JobSpec;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Names as users type them: one NFC spelling per path; bidi and control tricks refused. */
class UnicodeNamesTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @TempDir Path local;
  private AcaiClient client;

  @BeforeEach
  void newProject() {
    client = SERVER.newUser(SERVER.newProject());
  }

  @Test
  void aPathUploadedDecomposedIsReadComposedAndIsOneFile() throws IOException {
    Path one = Files.writeString(local.resolve("one"), "first");
    Path two = Files.writeString(local.resolve("two"), "second");
    client.files().upload(Map.of(one.toString(), "/cafe\u0301.txt"));
    client.files().upload(Map.of(two.toString(), "/caf\u00e9.txt"));

    Path back = local.resolve("back");
    client.files().download(Map.of("/cafe\u0301.txt:1", back.toString()));

    assertThat(Files.readString(back)).isEqualTo("first");
    assertThat(client.files().listDir("/"))
        .extracting(DirectoryEntry::path, DirectoryEntry::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("caf\u00e9.txt", 2));
  }

  @Test
  void bidiOverridesAndInvisibleCharactersInPathsAreRefusedAndNothingIsStored() throws IOException {
    Path file = Files.writeString(local.resolve("f"), "x");

    for (String path : new String[] {"/invoice\u202Efdp.exe", "/a\u200Bb", "/c\u0085d"}) {
      assertThatThrownBy(() -> client.files().upload(Map.of(file.toString(), path)))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("Invalid path")
          .hasMessageContaining("is not allowed");
    }
    assertThat(client.files().listDir("/")).isEmpty();
  }

  @Test
  void aJobNameWithABidiOverrideIsRefusedAndNoJobIsStored() {
    JobSpec spec =
        JobSpec.builder().name("train\u202Egnp.sh").command("true").outputPath("out").build();

    assertThatThrownBy(() -> client.jobs().submit(spec))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Invalid name: bidirectional formatting character U+202E");
    assertThat(client.jobs().list()).isEmpty();
  }
}
