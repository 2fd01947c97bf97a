package org.acai.server.storage;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.acai.api.error.BadSignatureException;
import org.acai.server.db.SecretText;
import org.jdbi.v3.core.Jdbi;

/**
 * Signs the server's own data-plane URLs (HMAC-SHA256 over key version, method, path and expiry),
 * so that uploads and downloads need no token. The paths name the project (see {@link DataUrls}).
 * The key lives in the database, shared by every replica; it is versioned, and a key of an older
 * version (whose URLs named bare blobs) is deleted at start, so none of its URLs is valid any more.
 * Thread-safe.
 */
public final class UrlSigner {
  private static final String KEY_VERSION = "v2";
  private static final String KEY_SETTING = "url_signing_key_" + KEY_VERSION;
  private static final String OLD_KEY_SETTING = "url_signing_key";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  // Looking up and keying a Mac costs more than signing one URL; sessions sign thousands.
  private final ThreadLocal<Mac> macs;

  private UrlSigner(byte[] key) {
    this.key = new SecretKeySpec(key, ALGORITHM);
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is missing from this JVM", e);
    }
  }

  /**
   * Loads the signing key, creating it on the first start and deleting a key of an older version.
   */
  public static UrlSigner load(Jdbi jdbi) {
    byte[] fresh = new byte[32];
    new SecureRandom().nextBytes(fresh);
    String hex =
        jdbi.inTransaction(
            handle -> {
              handle
                  .createUpdate("DELETE FROM server_settings WHERE name = :name")
                  .bind("name", OLD_KEY_SETTING)
                  .execute();
              handle
                  .createUpdate(
                      "INSERT INTO server_settings (name, value) VALUES (:name, :value)"
                          + " ON CONFLICT (name) DO NOTHING")
                  .bind("name", KEY_SETTING)
                  .bind("value", SecretText.of(HexFormat.of().formatHex(fresh)))
                  .execute();
              return handle
                  .createQuery("SELECT value FROM server_settings WHERE name = :name")
                  .bind("name", KEY_SETTING)
                  .mapTo(String.class)
                  .one();
            });
    return new UrlSigner(HexFormat.of().parseHex(hex));
  }

  /** The signature of a request for {@code method path} valid until {@code expires}. */
  public String sign(String method, String path, long expires) {
    // doFinal resets the Mac for the next use on this thread.
    byte[] digest =
        macs.get()
            .doFinal(
                (KEY_VERSION + "\n" + method + "\n" + path + "\n" + expires)
                    .getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  /**
   * Checks a signed request.
   *
   * @throws BadSignatureException if the signature is missing, wrong or expired
   */
  public void verify(String method, String path, String expires, String signature) {
    if (expires == null || signature == null) {
      throw new BadSignatureException("Invalid signed URL: missing signature");
    }
    long expiry;
    try {
      expiry = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      throw new BadSignatureException("Invalid signed URL: malformed expiry");
    }
    byte[] expected = sign(method, path, expiry).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
      throw new BadSignatureException("Invalid signed URL: wrong signature");
    }
    if (Instant.now().getEpochSecond() > expiry) {
      throw new BadSignatureException("Invalid signed URL: expired");
    }
  }
}
