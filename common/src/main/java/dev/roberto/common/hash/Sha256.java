package dev.roberto.common.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of tokens, secrets and bodies, as stored for lookups and idempotency checks. Each thread
 * keeps its digest: the gateway hashes the token of every call, and looking a digest up in the
 * security providers cost more than hashing the token.
 */
public final class Sha256 {

  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(Sha256::newDigest);

  private Sha256() {}

  /** Returns the SHA-256 of the bytes. */
  public static byte[] of(byte[] bytes) {
    return DIGEST.get().digest(bytes);
  }

  /** Returns the SHA-256 of the text's UTF-8 bytes. */
  public static byte[] of(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the SHA-256 of the bytes in lower-case hex. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(of(bytes));
  }

  /** Returns the SHA-256 of the text's UTF-8 bytes in lower-case hex. */
  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
  }
}
