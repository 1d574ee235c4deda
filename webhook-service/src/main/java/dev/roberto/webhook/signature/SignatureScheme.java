package dev.roberto.webhook.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The v1 signature: HMAC-SHA256, keyed with the signing secret's UTF-8 bytes, over the timestamp in
 * decimal, a dot, and the raw request body bytes.
 */
public final class SignatureScheme {

  private static final String HMAC_SHA256 = "HmacSHA256";

  /** One Mac per thread, so a delivery does not look up the HMAC provider again. */
  private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(SignatureScheme::newMac);

  private SignatureScheme() {}

  /** Computes the v1 signature of the body at the timestamp under the secret. */
  public static byte[] sign(String secret, long timestamp, byte[] body) {
    Mac mac = MAC.get();
    try {
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC_SHA256));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Initializing HMAC-SHA256 with a signing secret failed", e);
    }
    mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
    return mac.doFinal(body);
  }

  private static Mac newMac() {
    try {
      return Mac.getInstance(HMAC_SHA256);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** Returns true when any of the candidates equals the expected value, in constant time each. */
  public static boolean matchesAny(byte[] expected, Iterable<byte[]> candidates) {
    boolean matched = false;
    for (byte[] candidate : candidates) {
      matched |= MessageDigest.isEqual(expected, candidate);
    }
    return matched;
  }
}
