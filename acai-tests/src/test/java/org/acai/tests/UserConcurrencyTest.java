package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.acai.api.job.JobInfo;
import org.acai.api.job.JobStatus;
import org.acai.sdk.AcaiClient;
import org.acai.sdk.Condition;
import org.acai.sdk.JobSpec;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One user's long polls cannot take the server: past {@code ACAI_USER_CONCURRENCY} (2 here) at
 * once, the next is answered 429 with Retry-After at once, while other users go on.
 */
class UserConcurrencyTest {
  @RegisterExtension
  static final AcaiServerExtension SERVER =
      new AcaiServerExtension().withEnv("ACAI_USER_CONCURRENCY", "2");

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void aThirdLongPollOfOneUserIs429WithRetryAfterWhileOthersGoOn() throws Exception {
    TestProject project = SERVER.newProject();
    String token = SERVER.newUserToken(project).userToken();
    AcaiClient user = AcaiClient.connect(SERVER.endpoint(), token);
    AcaiClient other = SERVER.newUser(project);
    JobInfo job = sleeper(user, "slow");
    URI follow = followPastTheEnd(job);

    List<CompletableFuture<HttpResponse<String>>> waiting =
        List.of(send(follow, token), send(follow, token));
    Thread.sleep(500);
    HttpResponse<String> third = send(follow, token).get();

    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.headers().firstValue("Retry-After")).contains("1");
    assertThat(third.body()).contains("too_many_requests").contains("Too many log follows");
    assertThat(other.meta().findJob(Condition.of("__name__").value("slow"))).hasSize(1);
    assertThat(waiting).allMatch(poll -> !poll.isDone());

    user.jobs().kill(job.id());
    for (CompletableFuture<HttpResponse<String>> poll : waiting) {
      assertThat(poll.get().statusCode()).isEqualTo(200);
    }
    assertThat(send(follow, token).get().statusCode()).isEqualTo(200);
    assertThat(user.jobs().find(job.id()).jobStatus()).isEqualTo(JobStatus.KILLED);
  }

  @Test
  void theSdkWaitsOutA429AndItsCallSucceedsOnceAPlaceIsFree() throws Exception {
    TestProject project = SERVER.newProject();
    String token = SERVER.newUserToken(project).userToken();
    AcaiClient user = AcaiClient.connect(SERVER.endpoint(), token);
    JobInfo job = sleeper(user, "hog");
    URI follow = followPastTheEnd(job);
    List<CompletableFuture<HttpResponse<String>>> hogs =
        List.of(send(follow, token), send(follow, token));
    Thread.sleep(500);
    // The two places stay taken until the job ends, 1.5 s from now.
    CompletableFuture<?> kill =
        CompletableFuture.runAsync(
            () -> user.jobs().kill(job.id()),
            CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS));

    long started = System.nanoTime();
    List<?> found = user.meta().findJob(Condition.of("__name__").value("hog"));
    long waitedMillis = (System.nanoTime() - started) / 1_000_000;

    assertThat(found).hasSize(1);
    assertThat(waitedMillis).isGreaterThanOrEqualTo(900);
    kill.get();
    for (CompletableFuture<HttpResponse<String>> hog : hogs) {
      assertThat(hog.get().statusCode()).isEqualTo(200);
    }
  }

  private static JobInfo sleeper(AcaiClient user, String name) {
    return user.jobs()
        .submit(JobSpec.builder().name(name).command("sleep 30").outputPath("o").build());
  }

  /** A long poll of the job's log that waits, as no line 99 comes while the job sleeps. */
  private static URI followPastTheEnd(JobInfo job) {
    return SERVER
        .endpoint()
        .resolve("/log_server/follow_job_log?job_id=" + job.id() + "&from_line=99");
  }

  private static CompletableFuture<HttpResponse<String>> send(URI uri, String token) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(30))
            .build();
    return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }
}
