package dev.roberto.client.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code x-roberto-signature} header that webhook-service verifies: {@code t=<unix
 * seconds>,v1=<hex>}, where {@code v1} is HMAC-SHA256, keyed with the signing secret's UTF-8 bytes,
 * over the decimal {@code t}, a dot, and the body bytes exactly as sent.
 */
public final class UsageSignature {

  public static final String HEADER = "x-roberto-signature";

  private static final String HMAC_SHA256 = "HmacSHA256";

  private UsageSignature() {}

  /** Returns the header value that signs {@code body} at {@code unixSeconds} under the secret. */
  public static String header(String secret, long unixSeconds, byte[] body) {
    return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(hmac(secret, unixSeconds, body));
  }

  private static byte[] hmac(String secret, long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC_SHA256);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC_SHA256));
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
    }
  }
}
