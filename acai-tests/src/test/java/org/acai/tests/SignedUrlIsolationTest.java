package org.acai.tests;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.acai.server.storage.UrlSigner;
import org.acai.testkit.AcaiServerExtension;
import org.acai.testkit.blob.GeneratedBytes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The server's signed data-plane URLs name a project, and the routes check in the database that
 * what they open is that project's: even with the signing key, a URL for project A opens nothing
 * that only project B holds.
 */
class SignedUrlIsolationTest {
  @RegisterExtension static final AcaiServerExtension SERVER = new AcaiServerExtension();

  private static final byte[] SECRET_OF_B = "only project B holds these bytes".getBytes(UTF_8);

  private Wire alice;
  private Wire bob;

  @BeforeEach
  void twoProjects() {
    alice = new Wire(SERVER.endpoint(), SERVER.newUserToken(SERVER.newProject()).userToken());
    bob = new Wire(SERVER.endpoint(), SERVER.newUserToken(SERVER.newProject()).userToken());
  }

  @Test
  void aValidUrlStillServesItsProjectsBytes() {
    alice.upload(List.of("/mine.txt"), List.of("alice's".getBytes(UTF_8)));

    Http.Answer answer = Http.send(getOf(downloadUrl(alice, "/mine.txt")));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.text()).isEqualTo("alice's");
  }

  @Test
  void aDataUrlIsValidForAnHourByDefault() {
    alice.upload(List.of("/soon.txt"), List.of("x".getBytes(UTF_8)));
    String query = URI.create(downloadUrl(alice, "/soon.txt")).getQuery();
    long expires = Long.parseLong(query.replaceAll(".*(?:^|&)expires=([0-9]+).*", "$1"));

    assertThat(expires - Instant.now().getEpochSecond()).isBetween(3590L, 3600L);
  }

  @Test
  void aUrlForgedWithTheKeyForAnotherProjectsVersionIsRefused() throws Exception {
    alice.upload(List.of("/mine.txt"), List.of("alice's".getBytes(UTF_8)));
    bob.upload(List.of("/secret.txt"), List.of(SECRET_OF_B));
    String[] own = URI.create(downloadUrl(alice, "/mine.txt")).getPath().split("/");
    String[] bobs = URI.create(downloadUrl(bob, "/secret.txt")).getPath().split("/");
    String aliceProject = own[3];
    String bobVersion = bobs[4];

    Http.Answer forged =
        Http.send(getOf(forge("GET", "/blob/download/" + aliceProject + "/" + bobVersion)));
    String sha = GeneratedBytes.sha256(SECRET_OF_B);
    Http.Answer bareBlob =
        Http.send(getOf(forge("GET", "/blob/download/" + sha + "/" + SECRET_OF_B.length)));

    assertThat(forged.status()).isEqualTo(404);
    assertThat(forged.text()).doesNotContain(new String(SECRET_OF_B, UTF_8));
    assertThat(bareBlob.status()).isBetween(400, 499);
    assertThat(bareBlob.text()).doesNotContain(new String(SECRET_OF_B, UTF_8));
  }

  @Test
  void anUploadUrlForgedForAnotherProjectsSessionIsRefused() throws Exception {
    alice.upload(List.of("/mine.txt"), List.of("alice's".getBytes(UTF_8)));
    String aliceProject = URI.create(downloadUrl(alice, "/mine.txt")).getPath().split("/")[3];
    JsonNode session =
        bob.post("/storage/start_file_upload_session", Map.of("paths", List.of("/b.txt"))).json();
    String bobSession = session.get("session_id").asText();

    Http.Answer forged =
        Wire.put(
            forge("PUT", "/blob/upload/" + aliceProject + "/" + bobSession + "/0"),
            "planted by alice".getBytes(UTF_8));

    assertThat(forged.status()).isEqualTo(404);
    assertThat(
            bob.get("/storage/poll_file_upload_session", "session_id", bobSession)
                .json()
                .get("committed")
                .asBoolean())
        .as("the forged PUT landed nothing")
        .isFalse();
    assertThat(Wire.put(session.at("/files/0/s3_url").asText(), SECRET_OF_B).status())
        .isEqualTo(200);
    assertThat(Http.send(getOf(downloadUrl(bob, "/b.txt"))).text())
        .isEqualTo(new String(SECRET_OF_B, UTF_8));
  }

  @Test
  void aKeyOfTheOlderUrlFormatIsDeletedAtStart() {
    SERVER.withDatabase(
        handle ->
            handle.execute(
                "INSERT INTO server_settings (name, value) VALUES ('url_signing_key', 'ab')"));
    String before = key();

    UrlSigner.load(SERVER.server().database().jdbi());

    int oldKeys =
        SERVER.withDatabase(
            handle ->
                handle
                    .createQuery(
                        "SELECT count(*) FROM server_settings WHERE name = 'url_signing_key'")
                    .mapTo(Integer.class)
                    .one());
    assertThat(oldKeys).isZero();
    assertThat(key()).isEqualTo(before);
  }

  private static String downloadUrl(Wire wire, String path) {
    Http.Answer answer = wire.get("/storage/download_file", "path", path);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    return answer.json().get("s3_url").asText();
  }

  /** A URL signed as the server signs, with the key read from its database. */
  private static String forge(String method, String path) throws Exception {
    long expires = Instant.now().plusSeconds(600).getEpochSecond();
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(HexFormat.of().parseHex(key()), "HmacSHA256"));
    byte[] digest = mac.doFinal(("v2\n" + method + "\n" + path + "\n" + expires).getBytes(UTF_8));
    String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    return SERVER.endpoint() + path + "?expires=" + expires + "&sig=" + sig;
  }

  private static String key() {
    return SERVER.withDatabase(
        handle ->
            handle
                .createQuery("SELECT value FROM server_settings WHERE name = 'url_signing_key_v2'")
                .mapTo(String.class)
                .one());
  }

  private static java.net.http.HttpRequest getOf(String url) {
    return java.net.http.HttpRequest.newBuilder(URI.create(url)).GET().build();
  }
}
