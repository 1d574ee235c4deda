package dev.roberto.auth.crypto;

import dev.roberto.common.hash.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random secrets and their SHA-256 hashes: refresh tokens, client secrets, key ids, device codes,
 * web sessions and CSRF tokens.
 */
public final class Secrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Secrets() {}

  /** Returns {@code bytes} random bytes as unpadded base64url; 32 bytes give 256 bits. */
  public static String randomToken(int bytes) {
    byte[] value = new byte[bytes];
    RANDOM.nextBytes(value);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
  }

  /** Returns 256 random bits as unpadded base64url (43 characters). */
  public static String newSecret() {
    return randomToken(32);
  }

  public static byte[] randomBytes(int count) {
    byte[] value = new byte[count];
    RANDOM.nextBytes(value);
    return value;
  }

  /** Returns the SHA-256 of the UTF-8 bytes of the secret. */
  public static byte[] sha256(String secret) {
    return Sha256.of(secret);
  }

  /**
   * Returns the lower-case hex SHA-256 of the value, the form device codes and sessions are stored
   * in.
   */
  public static String sha256Hex(String value) {
    return Sha256.hex(value);
  }

  /** Compares two strings in time that does not depend on where they differ. */
  public static boolean constantTimeEquals(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** Compares two hashes in constant time. */
  public static boolean hashesEqual(byte[] expected, byte[] actual) {
    return MessageDigest.isEqual(expected, actual);
  }
}
