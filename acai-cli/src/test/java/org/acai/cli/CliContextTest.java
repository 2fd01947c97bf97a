package org.acai.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Local paths of a command run in another working directory (the resident client's case). */
class CliContextTest {
  private static final PrintStream OUT = System.out;

  private static CliContext in(String cwd) {
    return new CliContext(Map.of(), OUT, OUT, cwd == null ? null : Path.of(cwd));
  }

  @Test
  void inItsOwnDirectoryPathsStayAsTyped() {
    CliContext own = in(null);

    assertThat(own.local("data/")).isEqualTo("data/");
    assertThat(own.shown("data/x.txt", List.of("data"))).isEqualTo("data/x.txt");
  }

  @Test
  void relativePathsResolveAgainstTheCommandsDirectoryKeepingATrailingSlash() {
    CliContext other = in("/work/w1");

    assertThat(other.local("a.txt")).isEqualTo("/work/w1/a.txt");
    assertThat(other.local("out/")).isEqualTo("/work/w1/out/");
    assertThat(other.local("../up")).isEqualTo("/work/w1/../up");
    assertThat(other.local("/abs/b.txt")).isEqualTo("/abs/b.txt");
  }

  @Test
  void pathsAreShownBelowWhatWasTyped() {
    CliContext other = in("/work/w1");
    List<String> typed = List.of("data", "data/sub", "./dot", "../up", "/abs", "d2/");

    assertThat(other.shown("/work/w1/data/x.txt", typed)).isEqualTo("data/x.txt");
    assertThat(other.shown("/work/w1/data/sub/y.txt", typed)).isEqualTo("data/sub/y.txt");
    assertThat(other.shown("/work/w1/./dot/z.txt", typed)).isEqualTo("./dot/z.txt");
    assertThat(other.shown("/work/w1/../up/u.txt", typed)).isEqualTo("../up/u.txt");
    assertThat(other.shown("/work/w1/d2/v.txt", typed)).isEqualTo("d2/v.txt");
    // Typed absolute, shown absolute; a sibling that merely shares a prefix is not below.
    assertThat(other.shown("/abs/a.txt", typed)).isEqualTo("/abs/a.txt");
    assertThat(other.shown("/work/w1/data2/x.txt", typed)).isEqualTo("/work/w1/data2/x.txt");
  }

  @Test
  void aRelativeWorkingDirectoryIsRefused() {
    assertThatThrownBy(() -> in("relative")).isInstanceOf(IllegalArgumentException.class);
  }
}
