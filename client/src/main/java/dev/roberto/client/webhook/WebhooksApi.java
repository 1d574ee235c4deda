package dev.roberto.client.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.roberto.client.ApiHttp;
import dev.roberto.client.Problems;
import dev.roberto.client.RobertoClient;
import dev.roberto.client.UrlPaths;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * webhook-service: the signing secrets of an agent, managed with the login's access token, and the
 * usage intake, which takes a signature instead of a token.
 */
public final class WebhooksApi {

  static final String IDEMPOTENCY_KEY = "x-idempotency-key";
  static final String REPLAYED = "x-idempotency-replayed";

  private static final String SERVICE = "webhook";

  private final RobertoClient client;
  private final Clock clock;

  public WebhooksApi(RobertoClient client) {
    this(client, Clock.systemUTC());
  }

  /** Takes the clock whose time signs usage reports. */
  public WebhooksApi(RobertoClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Creates a signing secret for the agent; the result carries the secret, shown only here. */
  public SigningSecret createSecret(String agentId) {
    return client.call("POST", SERVICE, secretsPath(agentId), null, SigningSecret.class);
  }

  /** Lists the agent's signing secrets by id and prefix, without their values. */
  public List<SigningSecret> listSecrets(String agentId) {
    SigningSecret[] secrets =
        client.call("GET", SERVICE, secretsPath(agentId), null, SigningSecret[].class);
    return secrets == null ? List.of() : Arrays.asList(secrets);
  }

  /**
   * Creates a replacement for a secret and returns it with its value; the old secret stays valid
   * for the server's rotation overlap.
   */
  public SigningSecret rotateSecret(String agentId, String secretId) {
    String path = secretsPath(agentId) + "/" + UrlPaths.segment(secretId) + "/rotate";
    return client.call("POST", SERVICE, path, null, SigningSecret.class);
  }

  /** Revokes the secret at once. */
  public void revokeSecret(String agentId, String secretId) {
    String path = secretsPath(agentId) + "/" + UrlPaths.segment(secretId);
    client.call("DELETE", SERVICE, path, null, Void.class);
  }

  /**
   * Sends one usage report for the agent to the control plane's webhook service. The body is
   * serialized once, and the signature covers exactly those bytes. No access token is sent.
   *
   * @param signingSecret the agent's signing secret, or null to send the report unsigned
   * @param idempotencyKey the key that makes a retry count once, or null to send none
   */
  public UsageReceipt sendUsage(
      String agentId, UsageReport report, String signingSecret, String idempotencyKey) {
    byte[] body = serialize(report);
    Map<String, String> headers = new LinkedHashMap<>();
    if (signingSecret != null) {
      long now = clock.instant().getEpochSecond();
      headers.put(UsageSignature.HEADER, UsageSignature.header(signingSecret, now, body));
    }
    if (idempotencyKey != null) {
      headers.put(IDEMPOTENCY_KEY, idempotencyKey);
    }
    URI uri =
        URI.create(
            client.discover().serviceUrl(SERVICE)
                + "/api/webhooks/usage?agentId="
                + UrlPaths.query(agentId));
    ApiHttp.Answer answer = client.http().exchangeBytes("POST", uri, body, headers);
    if (answer.status() >= 300) {
      throw Problems.toException(answer, uri);
    }
    return receipt(answer);
  }

  private byte[] serialize(UsageReport report) {
    try {
      return client.http().json().writeValueAsBytes(report);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("The usage report cannot be written as JSON", e);
    }
  }

  private static UsageReceipt receipt(ApiHttp.Answer answer) {
    JsonNode body = answer.body();
    boolean replayed = answer.header(REPLAYED).map("true"::equalsIgnoreCase).orElse(false);
    return new UsageReceipt(
        text(body, "eventId"),
        text(body, "agentId"),
        text(body, "workspaceId"),
        text(body, "receivedAt"),
        replayed);
  }

  private static String text(JsonNode body, String field) {
    return body == null || !body.hasNonNull(field) ? null : body.get(field).asText();
  }

  private static String secretsPath(String agentId) {
    return "/api/webhooks/agents/" + UrlPaths.segment(agentId) + "/signing-secrets";
  }
}
