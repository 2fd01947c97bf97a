package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.acai.api.identity.CreateUserResponse;
import org.acai.server.auth.Tokens;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.TestProject;

/**
 * A project holding one entity of every kind (file version, file set, metadata, an open upload
 * session, an open file-set draft, a finished job with its log and lineage) and callers of every
 * kind, with secrets (bytes, log lines, metadata values, tokens) that no other project may ever
 * see.
 */
final class Tenant {
  private static final Set<String> ENDED =
      Set.of("FINISHED", "FAILED", "KILLED", "CONTAINER_CRASHED");

  final String label;
  final TestProject project;
  final String userToken;
  final long userId;
  final String revokedToken;
  final String expiredJobToken;
  final String finishedJobToken;
  final String path;
  final String dir;
  final String fileSet;
  final String session;
  final long draft;
  final long jobId;
  final String content;
  final String sha256;
  final String logSecret;
  final String metaSecret;
  final Wire wire;

  private Tenant(AcaiServerExtension server, String label) {
    String secret = UUID.randomUUID().toString().replace("-", "");
    this.label = label;
    this.project = server.newProject();
    this.wire = new Wire(server.endpoint(), project.adminToken());
    CreateUserResponse user = server.newUserToken(project);
    this.userToken = user.userToken();
    this.userId = user.userId();
    this.revokedToken = server.newUserToken(project).userToken();
    check(new Wire(server.endpoint(), revokedToken).post("/credential/revoke_token", Map.of()));
    this.dir = "/" + label + "dir";
    this.path = dir + "/secret.txt";
    this.content = "CONTENT-" + secret;
    this.sha256 = sha256(content);
    this.logSecret = "LOG-" + secret;
    this.metaSecret = "META-" + secret;
    wire.upload(List.of(path), List.of(content.getBytes(UTF_8)));
    this.fileSet = label + "set";
    check(wire.post("/storage/create_file_set", Map.of("name", fileSet, "files", List.of(path))));
    Map<String, Object> meta = Map.of("tags", List.of(metaSecret), "meta", Map.of("k", metaSecret));
    check(wire.post("/meta/update_file_meta", with(meta, "id", path)));
    check(wire.post("/meta/update_file_set_meta", with(meta, "id", fileSet)));
    this.session =
        check(wire.post("/storage/start_file_upload_session", Map.of("paths", List.of(dir + "/p"))))
            .json()
            .get("session_id")
            .asText();
    this.draft =
        check(wire.post("/storage/open_file_set_draft", Map.of())).json().get("draft_id").asLong();
    this.jobId = runJob();
    check(wire.post("/meta/update_job_meta", with(meta, "id", jobId)));
    this.expiredJobToken = jobToken(server, "now() - interval '1 hour'", "NULL");
    this.finishedJobToken = jobToken(server, "now() + interval '1 hour'", "now()");
  }

  static Tenant create(AcaiServerExtension server, String label) {
    return new Tenant(server, label);
  }

  /** Everything of this tenant that another project's caller must never receive. */
  List<String> secrets() {
    return List.of(
        content,
        sha256,
        logSecret,
        metaSecret,
        project.adminToken(),
        userToken,
        expiredJobToken,
        finishedJobToken);
  }

  private long runJob() {
    Map<String, Object> job =
        Map.of(
            "name",
            label + "job",
            "input_file_set",
            fileSet,
            "command",
            "echo " + logSecret + " && mkdir -p out && echo " + content + " > out/o.txt",
            "output_path",
            "./out/");
    long id = check(wire.post("/job_registry/new_job", job)).json().at("/job/id").asLong();
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> ENDED.contains(status(id).get("job_status").asText()));
    if (!"FINISHED".equals(status(id).get("job_status").asText())) {
      throw new AssertionError("setup job did not finish: " + status(id));
    }
    return id;
  }

  private JsonNode status(long id) {
    return wire.post("/job_monitor/job_status", Map.of("ids", List.of(id))).json().get(0);
  }

  private String jobToken(AcaiServerExtension server, String expires, String revoked) {
    String token = Tokens.generate();
    server.withDatabase(
        handle ->
            handle
                .createUpdate(
                    "INSERT INTO tokens (token_hash, user_id, kind, job_id, expires_at, revoked_at)"
                        + " VALUES (:hash, :user, 'job', :job, "
                        + expires
                        + ", "
                        + revoked
                        + ")")
                .bind("hash", Tokens.hash(token))
                .bind("user", project.adminId())
                .bind("job", jobId)
                .execute());
    return token;
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> copy = new java.util.HashMap<>(base);
    copy.put(key, value);
    return copy;
  }

  private static Http.Answer check(Http.Answer answer) {
    if (answer.status() != 200) {
      throw new AssertionError("setup request failed: " + answer.text());
    }
    return answer;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
