package dev.roberto.runtime.grant;

import java.security.SecureRandom;
import java.util.Base64;

/** Grant tokens: 256 random bits with a recognisable prefix, stored only as SHA-256 hashes. */
final class GrantTokens {

  static final String PREFIX = "rgt_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private GrantTokens() {}

  static String generate() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
