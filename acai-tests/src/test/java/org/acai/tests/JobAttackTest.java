package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import org.acai.api.job.JobInfo;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.JobIsolation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The attacks under the local executor (bubblewrap where installed); plus what only the sandbox
 * must show: the host's system directories beyond the read-only programs stay out of sight, and
 * loopback reaches neither the database nor the server.
 */
class JobAttackTest extends JobAttackContract {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  @Override
  AcaiServerExtension server() {
    return SERVER;
  }

  @Override
  void assumeIsolated() {
    JobIsolation.assumeAvailable();
  }

  @Test
  void jobSeesNoneOfTheHostsHomesRuntimeStateOrSys() {
    assumeIsolated();
    JobInfo job = run("ls -d /root /home /run /var /sys 2>/dev/null | wc -l");

    assertThat(client.jobs().log(job.id()).lines()).contains("0");
  }

  @Test
  void jobCannotConnectToTheDatabaseOrTheServerOverLoopback() {
    assumeIsolated();
    Integer pgPort =
        SERVER.withDatabase(
            handle -> handle.createQuery("SELECT inet_server_port()").mapTo(Integer.class).one());
    // The embedded database listens on no TCP port at all (a Unix socket only): then try its
    // default port, where a database of the host would be.
    int port = pgPort == null ? 5432 : pgPort;
    String command =
        String.join(
            "; ",
            "(exec 3<>/dev/tcp/127.0.0.1/" + port + ") 2>/dev/null && echo db-reached",
            "(exec 3<>/dev/tcp/127.0.0.1/"
                + SERVER.endpoint().getPort()
                + ") 2>/dev/null"
                + " && echo api-reached",
            "echo tried");

    JobInfo job = run(command);

    assertThat(client.jobs().log(job.id()))
        .contains("tried")
        .doesNotContain("db-reached", "api-reached");
  }
}
