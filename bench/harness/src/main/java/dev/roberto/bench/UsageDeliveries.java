package dev.roberto.bench;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The usage delivery the webhook benchmark sends, and its signature. */
final class UsageDeliveries {

  static final String SIGNATURE_HEADER = "x-roberto-signature";
  static final String IDEMPOTENCY_HEADER = "x-idempotency-key";

  private UsageDeliveries() {}

  /**
   * Returns a delivery body with a positive {@code costMicros}, so that billing debits each
   * delivery once and the ledger can be counted.
   */
  static byte[] body(Instant occurredAt) {
    String json =
        "{\"inputTokens\":1200,\"outputTokens\":340,\"cachedTokens\":0,\"costMicros\":5400,"
            + "\"model\":\"stand-in-chat\",\"provider\":\"stand-in\",\"latencyMillis\":812,"
            + "\"occurredAt\":\""
            + occurredAt
            + "\"}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Returns the {@code x-roberto-signature} value: HMAC-SHA256 keyed with the whole secret, over
   * the decimal timestamp, a dot and the body bytes, as webhook-service's README specifies.
   */
  static String sign(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      byte[] digest = mac.doFinal(body);
      return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available: " + e.getMessage(), e);
    }
  }
}
