package org.acai.server.job.exec.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Follows the main container's log, handing each line on as it comes. */
final class LogFollower {
  private static final Logger LOG = LoggerFactory.getLogger(LogFollower.class);
  private static final int MAX_LINE = 64 * 1024;

  private final CountDownLatch done = new CountDownLatch(1);
  private volatile LogWatch watch;

  private LogFollower() {}

  /**
   * Starts following; lines go to {@code lines} on a thread of its own until the container's log
   * ends.
   *
   * @param sinceSeconds only lines this recent (a re-attach), or null for the whole log
   */
  static LogFollower start(
      KubernetesClient client,
      String namespace,
      String pod,
      Integer sinceSeconds,
      Consumer<String> lines) {
    LogFollower follower = new LogFollower();
    Thread thread =
        new Thread(
            () -> follower.follow(client, namespace, pod, sinceSeconds, lines),
            "acai-k8s-log-" + pod);
    thread.setDaemon(true);
    thread.start();
    return follower;
  }

  private void follow(
      KubernetesClient client,
      String namespace,
      String pod,
      Integer sinceSeconds,
      Consumer<String> lines) {
    try {
      var container =
          client.pods().inNamespace(namespace).withName(pod).inContainer(JobManifests.MAIN);
      watch =
          sinceSeconds == null
              ? container.watchLog()
              : container.sinceSeconds(sinceSeconds).watchLog();
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          lines.accept(line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line);
        }
      }
    } catch (IOException | KubernetesClientException e) {
      LOG.debug("Log of pod {} ended: {}", pod, e.toString());
    } finally {
      done.countDown();
    }
  }

  /** Waits up to {@code timeout} for the log to end (the container has ended), then stops. */
  void finish(Duration timeout) {
    try {
      done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stop();
  }

  /** Stops following. */
  void stop() {
    LogWatch current = watch;
    if (current != null) {
      current.close();
    }
  }
}
