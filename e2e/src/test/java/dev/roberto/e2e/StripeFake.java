package dev.roberto.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.stripe.Stripe;
import com.stripe.net.Webhook;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Stripe, a third party, faked: its API is WireMock on 127.0.0.1, which billing-service's
 * stripe-java is pointed at through {@code ROBERTO_BILLING_STRIPE_API_BASE}, and its webhook
 * deliveries are events that this class signs with stripe-java's own signing helper. The API key
 * and the webhook signing secret are random per run.
 */
final class StripeFake implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final WireMockServer server;
  private final String apiKey = "sk_test_" + randomHex(16);
  private final String webhookSecret = "whsec_" + randomHex(16);

  StripeFake() {
    server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
    server.start();
  }

  /** Returns billing-service's Stripe settings as the environment variables it reads. */
  Map<String, String> billingEnvironment() {
    return Map.of(
        "ROBERTO_BILLING_STRIPE_API_KEY", apiKey,
        "ROBERTO_BILLING_STRIPE_WEBHOOK_SECRET", webhookSecret,
        "ROBERTO_BILLING_STRIPE_API_BASE", "http://127.0.0.1:" + server.port());
  }

  /** Returns the secrets that must never appear in a log. */
  List<String> secrets() {
    return List.of(apiKey, webhookSecret);
  }

  /**
   * Stubs the Stripe API reads of {@code roberto billing sync} for the customer: no subscription,
   * and the given completed Checkout Sessions.
   */
  void serveCustomer(String customer, ObjectNode... completedSessions) {
    server.stubFor(
        get(urlPathEqualTo("/v1/subscriptions"))
            .withQueryParam("customer", equalTo(customer))
            .willReturn(okJson(list("/v1/subscriptions").toString())));
    ObjectNode sessions = list("/v1/checkout/sessions");
    for (ObjectNode session : completedSessions) {
      ((ArrayNode) sessions.get("data")).add(session);
    }
    server.stubFor(
        get(urlPathEqualTo("/v1/checkout/sessions"))
            .withQueryParam("customer", equalTo(customer))
            .withQueryParam("status", equalTo("complete"))
            .willReturn(okJson(sessions.toString())));
  }

  /** Returns how many times billing-service read the customer's Checkout Sessions. */
  int sessionReadsOf(String customer) {
    return server
        .findAll(
            getRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withQueryParam("customer", equalTo(customer)))
        .size();
  }

  /**
   * Returns a paid Checkout Session of a credit pack, with the fields that billing-service reads:
   * the mode, the payment status, the amount in cents, the customer, and the workspace and kind in
   * its metadata.
   */
  static ObjectNode paidCreditPurchase(String customer, String workspaceId, long amountCents) {
    ObjectNode session = JSON.createObjectNode();
    session.put("id", "cs_test_" + randomHex(12));
    session.put("object", "checkout.session");
    session.put("mode", "payment");
    session.put("status", "complete");
    session.put("payment_status", "paid");
    session.put("amount_total", amountCents);
    session.put("currency", "usd");
    session.put("customer", customer);
    session.put("client_reference_id", workspaceId);
    session.put("livemode", false);
    session.put("created", Instant.now().getEpochSecond());
    ObjectNode metadata = session.putObject("metadata");
    metadata.put("kind", "credits");
    metadata.put("workspaceId", workspaceId);
    return session;
  }

  /** A webhook delivery: the event's body and its {@code Stripe-Signature} header. */
  record SignedEvent(String body, String signatureHeader) {}

  /**
   * Returns a {@code checkout.session.completed} event of the session, signed as Stripe signs it,
   * with stripe-java's {@link Webhook.Signature#generateSignatureHeader(String, String)}.
   */
  SignedEvent checkoutCompleted(ObjectNode session) throws GeneralSecurityException {
    ObjectNode event = JSON.createObjectNode();
    event.put("id", "evt_" + randomHex(12));
    event.put("object", "event");
    event.put("api_version", Stripe.API_VERSION);
    event.put("created", Instant.now().getEpochSecond());
    event.put("type", "checkout.session.completed");
    event.put("livemode", false);
    event.put("pending_webhooks", 1);
    event.putObject("data").set("object", session);
    String body = event.toString();
    return new SignedEvent(body, Webhook.Signature.generateSignatureHeader(body, webhookSecret));
  }

  @Override
  public void close() {
    server.stop();
  }

  private static ObjectNode list(String url) {
    ObjectNode list = JSON.createObjectNode();
    list.put("object", "list");
    list.put("url", url);
    list.put("has_more", false);
    list.putArray("data");
    return list;
  }

  static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
