package org.acai.sdk.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import org.acai.api.error.NotAuthenticatedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialChainTest {
  @TempDir Path dir;

  @Test
  void configuredFileIsReadBackAndPrivate() throws Exception {
    CredentialsFile file = new CredentialsFile(dir.resolve("credentials"));
    file.configure("proj", "tok-file", "http://example:9");

    AcaiCredentials resolved = new CredentialChain(Map.of(), file).resolve();

    assertThat(resolved.token()).isEqualTo("tok-file");
    assertThat(resolved.project()).isEqualTo("proj");
    assertThat(resolved.endpoint().toString()).isEqualTo("http://example:9");
    assertThat(Files.getPosixFilePermissions(file.path()))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void environmentWinsOverFile() {
    CredentialsFile file = new CredentialsFile(dir.resolve("credentials"));
    file.configure("proj", "tok-file", null);

    AcaiCredentials resolved =
        new CredentialChain(
                Map.of(
                    "ACAI_TOKEN",
                    "tok-env",
                    "ACAI_PROJECT",
                    "envproj",
                    "ACAI_ENDPOINT",
                    "http://e:1"),
                file)
            .resolve();

    assertThat(resolved.token()).isEqualTo("tok-env");
    assertThat(resolved.project()).isEqualTo("envproj");
    assertThat(resolved.endpoint().toString()).isEqualTo("http://e:1");
  }

  @Test
  void envProjectSelectsThatProjectsTokenFromFile() {
    CredentialsFile file = new CredentialsFile(dir.resolve("credentials"));
    file.configure("first", "tok-1", null);
    file.configure("second", "tok-2", null);

    assertThat(new CredentialChain(Map.of(), file).resolve().token()).isEqualTo("tok-2");
    assertThat(new CredentialChain(Map.of("ACAI_PROJECT", "first"), file).resolve().token())
        .isEqualTo("tok-1");
  }

  @Test
  void readsTheOriginalSdksFileLayout() throws Exception {
    Path path = dir.resolve("credentials");
    Files.writeString(
        path,
        "[default]\nproject_name = test_project\n\n[test_project]\ntoken = abc\n[dummy]\ntoken = zzz\n");

    assertThat(new CredentialChain(Map.of(), new CredentialsFile(path)).resolve().token())
        .isEqualTo("abc");
  }

  @Test
  void missingEverywhereListsWhatWasTried() {
    CredentialChain chain = new CredentialChain(Map.of(), new CredentialsFile(dir.resolve("none")));

    assertThatThrownBy(chain::resolve)
        .isInstanceOf(NotAuthenticatedException.class)
        .hasMessageContaining("ACAI_TOKEN is not set")
        .hasMessageContaining("no project");
    assertThat(chain.endpoint().toString()).isEqualTo(CredentialChain.DEFAULT_ENDPOINT);
  }
}
