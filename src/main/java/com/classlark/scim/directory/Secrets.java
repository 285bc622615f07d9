package com.classlark.scim.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The bearer secrets of the service (SCIM tokens, API keys, the console's links, sessions and form
 * tokens): a recognisable prefix followed by 256 random bits (base64url), stored only as their
 * SHA-256 hash.
 */
public final class Secrets {
  private static final int SECRET_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** A new secret: {@code prefix} and 256 random bits. */
  public static String generate(String prefix) {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** SHA-256 of the secret, hex-encoded: the only form in which a secret is stored. */
  public static String hash(String secret) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", impossible);
    }
  }

  /** Compares in time independent of where the values differ; false for {@code null}. */
  public static boolean same(String expected, String presented) {
    return presented != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }
}
