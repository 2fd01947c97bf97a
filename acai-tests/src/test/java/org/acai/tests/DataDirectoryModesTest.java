package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.acai.server.blob.BlobRef;
import org.acai.server.blob.SupportsLocalFiles;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Nothing in the data directory is readable by another user: directories 0700, files 0600/0400. */
class DataDirectoryModesTest {
  @RegisterExtension
  static final AcaiServerExtension SERVER = new AcaiServerExtension().withEmbeddedDatabase();

  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.complementOf(
          EnumSet.of(
              PosixFilePermission.OWNER_READ,
              PosixFilePermission.OWNER_WRITE,
              PosixFilePermission.OWNER_EXECUTE));

  @Test
  void afterAStartAndAnUploadNoFileIsOpenToGroupOrOthers() throws Exception {
    upload("/modes.txt", "private bytes");
    List<String> open = new ArrayList<>();
    Path jobs = SERVER.home().resolve("jobs");
    try (Stream<Path> paths = Files.walk(SERVER.home())) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        if (path.startsWith(jobs) || Files.isSymbolicLink(path)) {
          continue;
        }
        Set<PosixFilePermission> modes =
            Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (modes.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
          open.add(PosixFilePermissions.toString(modes) + " " + path);
        }
      }
    }

    assertThat(open).isEmpty();
    assertThat(SERVER.home().resolve("pg-password")).exists();
  }

  @Test
  void anotherUidCannotReadABlobByPathEvenThroughAnOpenedDataDirectory() throws Exception {
    Path setpriv = Path.of("/usr/bin/setpriv");
    boolean root = "root".equals(System.getProperty("user.name"));
    String skip = "SKIP: reading as another uid needs root and " + setpriv;
    if (!root || !Files.isExecutable(setpriv)) {
      System.out.println(skip);
    }
    Assumptions.assumeTrue(root && Files.isExecutable(setpriv), skip);
    BlobRef blob = upload("/secret.txt", "nobody may read this");
    Path file = ((SupportsLocalFiles) SERVER.server().blobs()).path(blob);
    Path home = SERVER.home();

    String throughPrivateHome = catAsNobody(setpriv, file);
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx--x--x"));
    String throughOpenedHome;
    try {
      throughOpenedHome = catAsNobody(setpriv, file);
    } finally {
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
    }

    assertThat(Files.readString(file)).isEqualTo("nobody may read this");
    assertThat(throughPrivateHome).contains("Permission denied").doesNotContain("nobody may");
    assertThat(throughOpenedHome).contains("Permission denied").doesNotContain("nobody may");
  }

  private static BlobRef upload(String path, String content) {
    Wire wire = new Wire(SERVER.endpoint(), SERVER.newUserToken(SERVER.newProject()).userToken());
    wire.upload(List.of(path), List.of(content.getBytes(UTF_8)));
    return new BlobRef(
        wire.get("/storage/list_file_versions", "path", path).json().get(0).get("sha256").asText(),
        content.length());
  }

  private static String catAsNobody(Path setpriv, Path file) throws IOException {
    Process process =
        new ProcessBuilder(
                setpriv.toString(),
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "cat",
                file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return output;
  }
}
