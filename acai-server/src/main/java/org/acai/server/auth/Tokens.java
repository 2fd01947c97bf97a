package org.acai.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Token material: 256 random bits, shown to the user once, stored only as a SHA-256 hash.
 *
 * <p>A lookup by hash is safe against timing attacks because the attacker controls only the
 * preimage; the admin hash is additionally compared in constant time ({@link
 * MessageDigest#isEqual}).
 */
public final class Tokens {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int TOKEN_BYTES = 32;
  private static final String PREFIX = "acai_";

  private Tokens() {}

  /** A fresh random token. */
  public static String generate() {
    byte[] bytes = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The SHA-256 hash under which a token is stored. */
  public static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
