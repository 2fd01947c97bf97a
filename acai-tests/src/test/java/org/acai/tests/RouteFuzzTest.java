package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.acai.server.http.Route;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad requests over every served route, generated from the OpenAPI document: wrong types, missing
 * and extra fields, huge numbers and strings, deep JSON, NUL, {@code ..}, unicode tricks, bad
 * regexes and cursors, wrong methods. No answer may be a 5xx or carry a stack trace, and the server
 * stays healthy. The seed is printed; {@code -Dacai.fuzz.seed=N} replays a run.
 */
class RouteFuzzTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  private static final int REQUESTS = Integer.getInteger("acai.fuzz.requests", 10_000);
  private static final int REFUSAL_REQUESTS = Integer.getInteger("acai.fuzz.refusals", 1_500);

  private static final List<String> WRONG_TYPES =
      List.of(
          "text/plain",
          "application/xml",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/json; charset=latin1");

  private static final List<Object> BAD_VALUES =
      List.of(
          -1,
          0,
          Long.MAX_VALUE,
          "9".repeat(400),
          1e308,
          true,
          "",
          "x".repeat(70_000),
          "a\u0000b",
          "../../../etc/passwd",
          "/a/../../b",
          "\u202egnp.exe",
          "cafe\u0301",
          "\ud800",
          "((((",
          "[a-",
          "!!not-a-cursor!!",
          "12.5Gi",
          "-3",
          "1e400",
          List.of(),
          List.of(1, "a", Map.of()),
          Map.of("k", List.of(Map.of("k", 1))),
          Map.of("key", "k", "type", "regex", "value", "(a+)+$"),
          Map.of("key", "k", "type", "range", "value", List.of("z", 1)));

  @Test
  void tenThousandBadRequestsOverEveryRouteGetNoServerErrorAndLeaveTheServerHealthy()
      throws Exception {
    long seed = Long.getLong("acai.fuzz.seed", System.nanoTime());
    System.out.println("Route fuzz seed: " + seed + " (replay with -Dacai.fuzz.seed=" + seed + ")");
    Tenant tenant = Tenant.create(SERVER, "fuzz");
    RouteRequests generator =
        new RouteRequests(Http.get(SERVER.endpoint(), "/openapi.yaml").text());
    List<RouteRequests.Request> seeds = new ArrayList<>();
    for (Route route : ServedApi.routes(SERVER.server())) {
      seeds.addAll(generator.requests(route.method(), route.path(), tenant));
    }
    Random random = new Random(seed);
    List<RouteRequests.Request> bad = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      bad.add(mutate(seeds.get(random.nextInt(seeds.size())), random));
    }
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    long started = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      int offset = t;
      done.add(
          pool.submit(
              () -> {
                Random variants = new Random(seed + offset);
                for (int i = offset; i < bad.size(); i += 4) {
                  check(bad.get(i), tenant.userToken, failures, variants);
                }
              }));
    }
    for (Future<?> future : done) {
      future.get();
    }
    pool.shutdown();
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf(
        "Route fuzz: %d requests over %d routes in %d ms, %d failures%n",
        bad.size(), ServedApi.routes(SERVER.server()).size(), millis, failures.size());

    assertThat(failures).as("seed " + seed).isEmpty();
    assertThat(Http.get(SERVER.endpoint(), "/healthz").status()).isEqualTo(200);
    assertThat(new Wire(SERVER.endpoint(), tenant.project.adminToken()).get("/credential/whoami"))
        .extracting(Http.Answer::status)
        .isEqualTo(200);
  }

  @Test
  void aNulCharacterInABodyOrQueryIsRefusedWith400() {
    Wire wire = new Wire(SERVER.endpoint(), SERVER.newProject().adminToken());

    Http.Answer job =
        wire.post(
            "/job_registry/new_job",
            Map.of("name", "a\u0000b", "command", "true", "output_path", "./out/"));
    Http.Answer query = wire.get("/storage/list_file_versions", "path", "/a\u0000b");

    assertThat(job.status()).as(job.text()).isEqualTo(400);
    assertThat(job.json().at("/error/message").asText()).contains("NUL");
    assertThat(query.status()).as(query.text()).isEqualTo(400);
  }

  /**
   * Every refused state-changing request, sent one at a time, leaves the project as it was: no
   * version, file set, job, session, metadata, user, token or deletion appears or changes. Some are
   * sent with a wrong content type or with invalid UTF-8 in their body.
   */
  @Test
  void refusedStateChangingRequestsStoreNothing() {
    long seed = Long.getLong("acai.fuzz.seed", System.nanoTime());
    System.out.println(
        "Refusal fuzz seed: " + seed + " (replay with -Dacai.fuzz.seed=" + seed + ")");
    Tenant tenant = Tenant.create(SERVER, "refusals");
    long project = projectId(tenant);
    RouteRequests generator =
        new RouteRequests(Http.get(SERVER.endpoint(), "/openapi.yaml").text());
    List<RouteRequests.Request> seeds = new ArrayList<>();
    for (Route route : ServedApi.routes(SERVER.server())) {
      if (!"GET".equals(route.method())) {
        seeds.addAll(generator.requests(route.method(), route.path(), tenant));
      }
    }
    Random random = new Random(seed);
    List<String> failures = new ArrayList<>();
    int refused = 0;
    for (int i = 0; i < REFUSAL_REQUESTS; i++) {
      RouteRequests.Request request = mutate(seeds.get(random.nextInt(seeds.size())), random);
      String before = StoredState.settled(SERVER, project);
      Http.Answer answer;
      try {
        answer = send(request, tenant.userToken, SERVER.endpoint(), random);
      } catch (RuntimeException closed) {
        continue; // an oversized request whose connection the server closed: checked above
      }
      if (answer.status() >= 400) {
        refused++;
        String after = StoredState.of(SERVER, project);
        if (!after.equals(before)) {
          failures.add(
              abbreviate(request.toString())
                  + " -> "
                  + answer.status()
                  + ": "
                  + before
                  + " became "
                  + after);
        }
      }
    }
    System.out.printf("Refusal fuzz: %d requests, %d refused%n", REFUSAL_REQUESTS, refused);

    assertThat(refused).isGreaterThan(REFUSAL_REQUESTS / 2);
    assertThat(failures).as("seed " + seed).isEmpty();
  }

  private static RouteRequests.Request mutate(RouteRequests.Request seed, Random random) {
    Map<String, Object> params = new LinkedHashMap<>(seed.params());
    List<String> names = new ArrayList<>(params.keySet());
    int kind = random.nextInt(6);
    if (kind <= 2 && !names.isEmpty()) {
      params.put(names.get(random.nextInt(names.size())), pick(random));
    } else if (kind == 3 && !names.isEmpty()) {
      params.remove(names.get(random.nextInt(names.size())));
    } else if (kind == 4) {
      params.put("extra_" + random.nextInt(3), pick(random));
    } else {
      params.replaceAll((name, value) -> pick(random));
    }
    for (String name : names) {
      if (seed.path().contains("{" + name + "}") && !params.containsKey(name)) {
        params.put(name, "0"); // a path always has its segments
      }
    }
    if (seed.path().startsWith("/credential/re") && !params.containsKey("user_id")) {
      // Without user_id these act on the caller: the fuzz would revoke its own token.
      params.put("user_id", pick(random));
    }
    String method = seed.method();
    if (random.nextInt(20) == 0) {
      method = List.of("GET", "POST", "PUT", "DELETE", "PATCH").get(random.nextInt(5));
    }
    return new RouteRequests.Request(
        method, seed.path(), params, seed.namesEntity(), seed.inQuery());
  }

  private static Object pick(Random random) {
    Object value = BAD_VALUES.get(random.nextInt(BAD_VALUES.size()));
    if (random.nextInt(30) == 0) {
      Object deep = value;
      for (int i = 0; i < 900; i++) {
        deep = List.of(deep);
      }
      return deep;
    }
    return value;
  }

  private static long projectId(Tenant tenant) {
    return SERVER
        .server()
        .database()
        .jdbi()
        .withHandle(
            handle ->
                handle
                    .createQuery("SELECT project_id FROM users WHERE id = :id")
                    .bind("id", tenant.userId)
                    .mapTo(Long.class)
                    .one());
  }

  private static void check(
      RouteRequests.Request request, String token, List<String> failures, Random random) {
    Http.Answer answer;
    try {
      answer = send(request, token, SERVER.endpoint(), random);
    } catch (java.io.UncheckedIOException closed) {
      // The server closes a connection after refusing an oversized request; the client may have
      // reused that pooled connection for this one. Once more on a fresh connection.
      answer = null;
    } catch (RuntimeException e) {
      answer = null;
    }
    try {
      if (answer == null) {
        answer = IsolationMatrixTest.send(request, token, SERVER.endpoint());
      }
    } catch (RuntimeException e) {
      if (request.toString().length() > 8_000) {
        return; // a URI or body beyond the server's limits: the connection may close unanswered
      }
      failures.add(abbreviate(request.toString()) + " -> " + e);
      return;
    }
    String text = answer.text();
    if (answer.status() >= 500
        || text.contains("\tat ")
        || text.contains("Exception:")
        || text.contains("org.acai.")) {
      failures.add(
          abbreviate(request.toString()) + " -> " + answer.status() + " " + abbreviate(text));
    }
  }

  /**
   * Sends {@code request}; one body in ten goes with a wrong content type, or with invalid UTF-8
   * spliced into its first string.
   */
  private static Http.Answer send(
      RouteRequests.Request request, String token, URI endpoint, Random random) {
    IsolationMatrixTest.Prepared prepared = IsolationMatrixTest.prepare(request, token, endpoint);
    int variant = random.nextInt(10);
    if (prepared.body() == null || variant > 1) {
      return IsolationMatrixTest.send(request, token, endpoint);
    }
    byte[] body = prepared.body().getBytes(StandardCharsets.UTF_8);
    String type = WRONG_TYPES.get(random.nextInt(WRONG_TYPES.size()));
    if (variant == 1) {
      type = "application/json";
      int quote = prepared.body().indexOf(":\"");
      if (quote >= 0) {
        ByteArrayOutputStream spliced = new ByteArrayOutputStream();
        spliced.write(body, 0, quote + 2);
        spliced.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF});
        spliced.write(body, quote + 2, body.length - quote - 2);
        body = spliced.toByteArray();
      }
    }
    return Http.send(
        prepared
            .builder()
            .header("Content-Type", type)
            .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}
