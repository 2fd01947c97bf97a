package org.acai.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.acai.api.json.WireJson;
import org.acai.server.http.Route;
import org.acai.testkit.AcaiServerExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every served route × every kind of caller, generated from the route table and the served OpenAPI
 * document: callers without a valid token get 401, callers without the role 403, a user of project
 * A naming any entity of project B gets 403/404, and no answer ever carries a byte of B.
 */
class IsolationMatrixTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  private static Tenant a;
  private static Tenant b;
  private static RouteRequests requests;

  /** What a route asks of its caller. Every served route must be listed in {@link #ACCESS}. */
  enum Access {
    PUBLIC,
    SIGNED,
    MEMBER,
    PROJECT_ADMIN,
    GLOBAL_ADMIN
  }

  /** Kinds of caller; each names the entities of the project its token belongs to, or B's. */
  enum CallerKind {
    NO_TOKEN,
    MALFORMED_TOKEN,
    REVOKED_TOKEN,
    EXPIRED_JOB_TOKEN,
    FINISHED_JOB_TOKEN,
    PLAIN_USER,
    PROJECT_ADMIN,
    OTHER_PROJECT
  }

  private static final Map<String, Access> ACCESS = IsolationAccess.table();

  @BeforeAll
  static void twoProjects() {
    a = Tenant.create(SERVER, "alpha");
    b = Tenant.create(SERVER, "bravo");
    requests = new RouteRequests(Http.get(SERVER.endpoint(), "/openapi.yaml").text());
  }

  @Test
  void everyRouteRefusesEveryCallerWithoutRightsAndNeverAnswersWithAByteOfAnotherProject() {
    List<String> failures = new ArrayList<>();
    int cells = 0;
    int sent = 0;
    for (Route route : ServedApi.routes(SERVER.server())) {
      Access access = accessOf(route);
      for (CallerKind kind : CallerKind.values()) {
        Set<Integer> allowed = expected(access, kind);
        if (allowed == null) {
          continue;
        }
        cells++;
        Tenant named = kind == CallerKind.OTHER_PROJECT ? b : a;
        for (RouteRequests.Request request :
            requests.requests(route.method(), route.path(), named)) {
          Set<Integer> statuses = allowed;
          if (kind == CallerKind.OTHER_PROJECT
              && (!request.namesEntity() || IsolationAccess.CREATES.contains(key(route)))) {
            statuses = null;
          }
          sent++;
          check(kind, request, statuses, failures);
        }
      }
    }
    System.out.printf("Isolation matrix: %d route x caller cells, %d requests%n", cells, sent);
    assertThat(failures).as("isolation failures").isEmpty();
    assertThat(cells).isGreaterThan(ServedApi.routes(SERVER.server()).size() * 3);
  }

  @Test
  void anotherProjectsRefusedRequestsLeaveEveryEntityOfBAsItWas() {
    everyRouteRefusesEveryCallerWithoutRightsAndNeverAnswersWithAByteOfAnotherProject();

    assertThat(b.wire.get("/credential/whoami").status()).isEqualTo(200);
    assertThat(b.wire.get("/storage/list_file_versions", "path", b.path).json()).hasSize(1);
    assertThat(b.wire.get("/storage/list_file_set_versions", "name", b.fileSet).json()).hasSize(1);
    assertThat(b.wire.get("/storage/poll_file_upload_session", "session_id", b.session).text())
        .contains("\"committed\":false");
    String meta =
        b.wire.post("/meta/get_meta", Map.of("type", "job", "ids", List.of(b.jobId))).text();
    assertThat(meta).contains(b.metaSecret).doesNotContain("intruder");
    assertThat(b.wire.get("/storage/list_directory", "directory_path", b.dir).text())
        .doesNotContain("intruder");
    assertThat(new Wire(SERVER.endpoint(), b.userToken).get("/credential/whoami").status())
        .isEqualTo(200);
    int openAndEmpty =
        SERVER.withDatabase(
            handle ->
                handle
                    .createQuery(
                        "SELECT count(*) FROM file_set_drafts d WHERE d.id = :id AND NOT"
                            + " EXISTS (SELECT 1 FROM file_set_members m WHERE m.file_set_id = d.id)")
                    .bind("id", b.draft)
                    .mapTo(Integer.class)
                    .one());
    assertThat(openAndEmpty).as("B's draft is open and empty").isEqualTo(1);
  }

  private static Access accessOf(Route route) {
    Access access = ACCESS.get(key(route));
    if (access == null) {
      throw new AssertionError(
          "Route "
              + key(route)
              + " is not in the isolation matrix: add it to IsolationAccess.table() with who may"
              + " call it (PUBLIC, SIGNED, MEMBER, PROJECT_ADMIN or GLOBAL_ADMIN)");
    }
    return access;
  }

  static String key(Route route) {
    return route.method() + " " + route.path();
  }

  /** The statuses a caller kind may get on a route; null when the cell does not apply. */
  private static Set<Integer> expected(Access access, CallerKind kind) {
    Set<Integer> unauthenticated = Set.of(401);
    Set<Integer> refused = Set.of(401, 403, 404);
    return switch (access) {
      case PUBLIC -> kind == CallerKind.OTHER_PROJECT ? Set.of(200) : null;
      case SIGNED -> refused;
      case MEMBER, PROJECT_ADMIN, GLOBAL_ADMIN ->
          switch (kind) {
            case NO_TOKEN, MALFORMED_TOKEN, REVOKED_TOKEN, EXPIRED_JOB_TOKEN, FINISHED_JOB_TOKEN ->
                unauthenticated;
            case PLAIN_USER -> access == Access.MEMBER ? null : Set.of(403);
            case PROJECT_ADMIN -> access == Access.GLOBAL_ADMIN ? Set.of(403) : null;
            case OTHER_PROJECT -> access == Access.GLOBAL_ADMIN ? null : Set.of(403, 404);
          };
    };
  }

  private static void check(
      CallerKind kind, RouteRequests.Request request, Set<Integer> allowed, List<String> failures) {
    Http.Answer answer = send(request, token(kind), SERVER.endpoint());
    String cell = kind + " " + request + " -> " + answer.status() + " " + abbreviate(answer.text());
    if (allowed != null && !allowed.contains(answer.status())) {
      failures.add(cell + " (expected one of " + new TreeSet<>(allowed) + ")");
    } else if (answer.status() >= 500) {
      failures.add(cell + " (server error)");
    }
    for (String secret : b.secrets()) {
      if (answer.text().contains(secret)) {
        failures.add(cell + " (carries a secret of project B)");
      }
    }
  }

  private static String token(CallerKind kind) {
    return switch (kind) {
      case NO_TOKEN -> null;
      case MALFORMED_TOKEN -> "acai_not-a-real-token";
      case REVOKED_TOKEN -> a.revokedToken;
      case EXPIRED_JOB_TOKEN -> a.expiredJobToken;
      case FINISHED_JOB_TOKEN -> a.finishedJobToken;
      case PLAIN_USER -> a.userToken;
      case PROJECT_ADMIN, OTHER_PROJECT -> a.project.adminToken();
    };
  }

  /** A request ready to send: its builder (URI and token set) and JSON body (null for a GET). */
  record Prepared(HttpRequest.Builder builder, String body) {}

  static Prepared prepare(RouteRequests.Request request, String token, URI endpoint) {
    String path = request.path();
    Map<String, Object> params = new java.util.LinkedHashMap<>(request.params());
    for (String name : List.copyOf(params.keySet())) {
      if (path.contains("{" + name + "}")) {
        path = path.replace("{" + name + "}", Wire.encode(String.valueOf(params.remove(name))));
      }
    }
    boolean get = "GET".equals(request.method());
    boolean allInQuery = get || "PUT".equals(request.method());
    StringBuilder query = new StringBuilder();
    for (String name : List.copyOf(params.keySet())) {
      if (allInQuery || request.inQuery().contains(name)) {
        query
            .append(query.length() == 0 ? '?' : '&')
            .append(name)
            .append('=')
            .append(Wire.encode(String.valueOf(params.remove(name))));
      }
    }
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint + path + query));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    if (get) {
      return new Prepared(builder, null);
    }
    ObjectNode body = WireJson.mapper().valueToTree(params);
    return new Prepared(builder, body.toString());
  }

  static Http.Answer send(RouteRequests.Request request, String token, URI endpoint) {
    Prepared prepared = prepare(request, token, endpoint);
    if (prepared.body() == null) {
      return Http.send(prepared.builder().GET().build());
    }
    return Http.send(
        prepared
            .builder()
            .header("Content-Type", "application/json")
            .method(request.method(), HttpRequest.BodyPublishers.ofString(prepared.body()))
            .build());
  }

  private static String abbreviate(String text) {
    return text.length() > 200 ? text.substring(0, 200) + "…" : text;
  }
}
