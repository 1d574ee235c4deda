package dev.roberto.billing.stripe;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs webhook bodies as Stripe does: v1 is HMAC-SHA256 of "timestamp.body" under the secret. */
final class StripeSignatures {

  private StripeSignatures() {}

  static String header(byte[] body, Instant at, String secret) {
    long timestamp = at.getEpochSecond();
    return "t=" + timestamp + ",v1=" + hmac(timestamp, body, secret);
  }

  static String header(byte[] body) {
    return header(body, Instant.now(), StripeFake.WEBHOOK_SECRET);
  }

  private static String hmac(long timestamp, byte[] body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
