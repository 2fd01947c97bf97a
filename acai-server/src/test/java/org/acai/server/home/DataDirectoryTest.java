package org.acai.server.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.acai.server.config.SelfSignedCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory of an earlier version, readable by everyone, becomes private at start. */
class DataDirectoryTest {
  @TempDir Path tmp;

  @Test
  void anOpenDataDirectoryIsTightenedExceptTheJobDirectories() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path blobDir = Files.createDirectories(home.resolve("blobs/sha256/ab/cd"));
    Path blob = Files.writeString(blobDir.resolve("abcd"), "bytes");
    Path job = Files.createDirectories(home.resolve("jobs/1"));
    Path link = Files.createSymbolicLink(home.resolve("link"), blob);
    Files.setPosixFilePermissions(blob, PosixFilePermissions.fromString("r--r--r--"));
    for (Path dir : new Path[] {home, home.resolve("blobs"), blobDir, job}) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    DataDirectory.prepare(home);

    assertThat(mode(home)).isEqualTo("rwx------");
    assertThat(mode(home.resolve("blobs"))).isEqualTo("rwx------");
    assertThat(mode(blobDir)).isEqualTo("rwx------");
    assertThat(mode(blob)).isEqualTo("r--------");
    assertThat(mode(job)).as("left to the job runner").isEqualTo("rwxr-xr-x");
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(home.resolve(DataDirectory.MARKER)).exists();
  }

  @Test
  void aNewDataDirectoryIsCreatedPrivate() throws Exception {
    Path home = tmp.resolve("a/b/home");

    DataDirectory.prepare(home);

    assertThat(mode(home)).isEqualTo("rwx------");
    assertThat(mode(home.resolve(DataDirectory.MARKER))).isEqualTo("rw-------");
  }

  @Test
  void theSelfSignedCertificateIsPrivate() throws Exception {
    Path home = tmp.resolve("home");
    DataDirectory.prepare(home);

    SelfSignedCertificate.ensure(home, 0);

    List<String> modes = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(home.resolve("tls"))) {
      paths.forEach(path -> modes.add(path.getFileName() + " " + mode(path)));
    }
    assertThat(modes)
        .hasSizeGreaterThan(2)
        .allMatch(line -> line.endsWith(" rwx------") || line.endsWith(" rw-------"));
  }

  private static String mode(Path path) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
