package dev.roberto.webhook;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Usage deliveries as an agent sends them, signed or not. */
final class Deliveries {

  static final String USAGE = "/api/webhooks/usage";

  private Deliveries() {}

  /** Builds a valid usage body with the given input token count. */
  static String usage(long inputTokens) {
    return "{\"inputTokens\":"
        + inputTokens
        + ",\"outputTokens\":20,\"cachedTokens\":5,\"costMicros\":1500,"
        + "\"model\":\"gpt-test\",\"occurredAt\":\""
        + Instant.now().minusSeconds(10)
        + "\",\"metadata\":{\"run\":\"r-1\"}}";
  }

  /** Computes v1 independently of the service: HMAC-SHA256 of "t." and the body bytes. */
  static String v1(String secret, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Returns the header value that signs the body now with the secret. */
  static String signature(String secret, byte[] body) {
    long now = Instant.now().getEpochSecond();
    return "t=" + now + ",v1=" + v1(secret, now, body);
  }

  static RequestSpecification request(String agentId) {
    return given().contentType("application/json").queryParam("agentId", agentId);
  }

  static ValidatableResponse post(String agentId, String body) {
    return request(agentId).body(body.getBytes(StandardCharsets.UTF_8)).post(USAGE).then();
  }

  static ValidatableResponse postSigned(String agentId, String secret, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return request(agentId)
        .header("x-roberto-signature", signature(secret, bytes))
        .body(bytes)
        .post(USAGE)
        .then();
  }

  static ValidatableResponse postWithKey(String agentId, String key, String body) {
    return request(agentId)
        .header("x-idempotency-key", key)
        .body(body.getBytes(StandardCharsets.UTF_8))
        .post(USAGE)
        .then();
  }
}
