package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.acai.api.error.AcaiException;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.FilePair;
import org.acai.sdk.FilesList;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Big files through the server's own data route are checked by CRC32C, not by a second SHA-256 pass
 * on the client. An upload is checked by the receipt its PUT answers with (the CRC32C of what
 * landed), and commits exactly the bytes it checked; a download by the CRC32C the store recorded
 * when the bytes arrived. Bytes damaged on the way (past TCP's checksums: a proxy flips one) never
 * become a version, nor a downloaded file.
 */
class DamagedTransferTest {
  /** Inside the PUT's body; the API's JSON requests are far shorter. */
  private static final long DAMAGED_BYTE = 5L * 1024 * 1024;

  /** In front of the server's data route: the server names it as its public URL. */
  private static final FaultyProxy PROXY =
      FaultyProxy.damaging(() -> DamagedTransferTest.SERVER.endpoint(), DAMAGED_BYTE);

  @RegisterExtension
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension().withEnv(() -> Map.of("ACAI_PUBLIC_URL", PROXY.uri().toString()));

  /** Past the SDK's streaming threshold (8 MiB), so the file goes in one streamed PUT. */
  private static final int SIZE = 9 * 1024 * 1024 + 5;

  @TempDir Path dir;
  private String token;
  private byte[] content;
  private Path file;

  @BeforeEach
  void newUser() throws Exception {
    token = SERVER.newUserToken(SERVER.newProject()).userToken();
    content = new byte[SIZE];
    new Random(11).nextBytes(content);
    file = Files.write(dir.resolve("big.bin"), content);
  }

  @Test
  void bytesDamagedOnEveryTryAreRefusedAndNeverCommitted() {
    PROXY.spoil(100);
    AcaiClient client = AcaiClient.connect(SERVER.endpoint(), token);

    assertThatThrownBy(
            () -> client.files().upload(List.of(new FilePair(file.toString(), "/big.bin"))))
        .isInstanceOf(AcaiException.class)
        .hasMessageContaining("CRC32C")
        .hasMessageContaining("big.bin");
    assertThat(client.files().listDir("/")).isEmpty();
  }

  @Test
  void bytesDamagedOnceAreSentAgainAndTheRightOnesCommitted() throws Exception {
    PROXY.spoil(1);
    AcaiClient client = AcaiClient.connect(SERVER.endpoint(), token);

    FilesList uploaded = client.files().upload(List.of(new FilePair(file.toString(), "/big.bin")));

    Path copy = dir.resolve("copy.bin");
    client.files().download(Map.of("/big.bin", copy.toString()));
    assertThat(uploaded).extracting(FilePair::remote).containsExactly("/big.bin:1");
    assertThat(Files.readAllBytes(copy)).isEqualTo(content);
  }

  @Test
  void aDownloadDamagedOnEveryTryFailsAndWritesNothing() {
    AcaiClient client = AcaiClient.connect(SERVER.endpoint(), token);
    client.files().upload(List.of(new FilePair(file.toString(), "/big.bin")));
    PROXY.spoil(100);

    Path copy = dir.resolve("copy.bin");
    assertThatThrownBy(() -> client.files().download(Map.of("/big.bin", copy.toString())))
        .isInstanceOf(AcaiException.class)
        .hasMessageContaining("CRC32C");
    assertThat(copy).doesNotExist();
    assertThat(dir.toFile().list()).containsExactly("big.bin");
  }

  @Test
  void aDownloadDamagedOnceIsFetchedAgainWhole() throws Exception {
    AcaiClient client = AcaiClient.connect(SERVER.endpoint(), token);
    client.files().upload(List.of(new FilePair(file.toString(), "/big.bin")));
    PROXY.spoil(1);

    Path copy = dir.resolve("copy.bin");
    client.files().download(Map.of("/big.bin", copy.toString()));

    assertThat(Files.readAllBytes(copy)).isEqualTo(content);
  }
}
