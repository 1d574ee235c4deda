package dev.roberto.billing.stripe;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roberto.billing.SyncedSnapshots;
import dev.roberto.billing.usage.UsageEvents;
import dev.roberto.events.BillingSynced;
import dev.roberto.events.UsageRecorded;
import dev.roberto.testsupport.TestDatabase;
import dev.roberto.testsupport.kafka.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StripeWebhookTest {

  static final String PATH = "/api/billing/stripe/webhook";
  static final long STARTER = 5_000_000;

  @Test
  void crlfAndNonAsciiBodyVerifies() {
    String workspace = UUID.randomUUID().toString();
    ObjectNode session = StripeEvents.paidCreditsSession(workspace, 1000);
    ((ObjectNode) session.get("metadata")).put("note", "Zürich — 東京 ✓");
    String pretty =
        StripeEvents.event("checkout.session.completed", now(), session).toPrettyString();
    byte[] body = pretty.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    assertTrue(new String(body, StandardCharsets.UTF_8).contains("\r\n"));

    deliver(body, StripeSignatures.header(body)).statusCode(200).body("received", equalTo(true));

    assertEquals(STARTER + 1000 * 10_000, balance(workspace));
  }

  @Test
  void sameCheckoutThreeTimesGrantsOnce() {
    String workspace = UUID.randomUUID().toString();
    ObjectNode session = StripeEvents.paidCreditsSession(workspace, 2500);
    byte[] body = bytes(StripeEvents.event("checkout.session.completed", now(), session));

    for (int i = 0; i < 3; i++) {
      deliver(body, StripeSignatures.header(body)).statusCode(200);
    }
    // Stripe may also send the same payment under a new event id.
    byte[] again = bytes(StripeEvents.event("checkout.session.completed", now(), session));
    deliver(again, StripeSignatures.header(again)).statusCode(200);

    assertEquals(STARTER + 2500 * 10_000, balance(workspace));
    assertEquals(
        1,
        TestDatabase.count(
            "SELECT count(*) FROM credit_entry WHERE workspace_id = ? AND source = 'purchase'",
            workspace));
  }

  @Test
  void purchaseRestoresEntitlementsOnBroker() {
    String workspace = UUID.randomUUID().toString();
    UsageRecorded usage = UsageEvents.usage(workspace, "agent-1", STARTER + 1_000_000);
    TestEvents.publish(usage);
    List<BillingSynced> exhausted =
        SyncedSnapshots.await(workspace, s -> !s.entitlements().gateway());
    assertEquals(-1_000_000, exhausted.get(exhausted.size() - 1).creditBalanceMicros());

    byte[] body =
        bytes(
            StripeEvents.event(
                "checkout.session.completed",
                now(),
                StripeEvents.paidCreditsSession(workspace, 500)));
    deliver(body, StripeSignatures.header(body)).statusCode(200);

    List<BillingSynced> restored =
        SyncedSnapshots.await(
            workspace, s -> s.entitlements().gateway() && s.creditBalanceMicros() == 4_000_000);
    BillingSynced last = restored.get(restored.size() - 1);
    assertTrue(last.entitlements().start());
    assertTrue(last.version() > exhausted.get(exhausted.size() - 1).version());
  }

  @Test
  void olderSubscriptionEventChangesNothing() {
    String workspace = UUID.randomUUID().toString();
    String customer = "cus_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    long newer = now();
    byte[] active =
        bytes(
            StripeEvents.event(
                "customer.subscription.updated",
                newer,
                StripeEvents.subscription(workspace, customer, "active")));
    byte[] older =
        bytes(
            StripeEvents.event(
                "customer.subscription.updated",
                newer - 60,
                StripeEvents.subscription(workspace, customer, "past_due")));

    deliver(active, StripeSignatures.header(active)).statusCode(200);
    deliver(older, StripeSignatures.header(older)).statusCode(200);

    Map<String, Object> account = account(workspace);
    assertEquals("active", account.get("subscription_status"));
    assertEquals(customer, account.get("stripe_customer_id"));
    assertEquals(null, account.get("past_due_since"));

    byte[] deleted =
        bytes(
            StripeEvents.event(
                "customer.subscription.deleted",
                newer + 60,
                StripeEvents.subscription(workspace, customer, "canceled")));
    deliver(deleted, StripeSignatures.header(deleted)).statusCode(200);
    assertEquals("canceled", account(workspace).get("subscription_status"));
  }

  @Test
  void subscriptionRestoresEntitlements() {
    String workspace = UUID.randomUUID().toString();
    String customer = "cus_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    TestEvents.publish(UsageEvents.usage(workspace, "agent-1", STARTER + 1));
    SyncedSnapshots.await(workspace, s -> !s.entitlements().gateway());
    long at = now();

    deliverSubscription(workspace, customer, "active", at);
    assertTrue(gatewayAllowed(workspace), "gateway with an active subscription");

    deliverSubscription(workspace, customer, "past_due", at + 10);
    assertTrue(gatewayAllowed(workspace), "gateway within the past-due grace period");

    deliverSubscription(workspace, customer, "canceled", at + 20);
    List<BillingSynced> snapshots =
        SyncedSnapshots.await(
            workspace,
            s -> "canceled".equals(s.subscriptionStatus()) && !s.entitlements().gateway());
    BillingSynced last = snapshots.get(snapshots.size() - 1);
    assertEquals(-1, last.creditBalanceMicros());
    assertTrue(
        snapshots.stream()
            .anyMatch(s -> "active".equals(s.subscriptionStatus()) && s.entitlements().gateway()),
        "a snapshot with the active subscription and the gateway allowed");
  }

  @Test
  void invoiceEventsReadSubscriptionAgain() {
    String workspace = UUID.randomUUID().toString();
    String customer = "cus_" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
    String subscriptionId = "sub_" + UUID.randomUUID().toString().replace("-", "");
    deliverSubscription(workspace, customer, "active", now() - 120);

    stubSubscription(workspace, customer, subscriptionId, "past_due");
    deliverInvoice("invoice.payment_failed", subscriptionId);
    assertEquals("past_due", account(workspace).get("subscription_status"));
    assertTrue(account(workspace).get("past_due_since") != null, "past_due_since is set");

    stubSubscription(workspace, customer, subscriptionId, "active");
    deliverInvoice("invoice.paid", subscriptionId);
    assertEquals("active", account(workspace).get("subscription_status"));
    assertEquals(null, account(workspace).get("past_due_since"));
  }

  @Test
  void invoiceRedeliveredWhenStripeFails() {
    String subscriptionId = "sub_" + UUID.randomUUID().toString().replace("-", "");
    StripeFake.server()
        .stubFor(
            get(urlPathEqualTo("/v1/subscriptions/" + subscriptionId))
                .willReturn(aResponse().withStatus(500).withBody("{}")));
    byte[] body = invoiceEvent("invoice.paid", subscriptionId);

    deliver(body, StripeSignatures.header(body)).statusCode(502);

    assertEquals(
        0,
        TestDatabase.count(
            "SELECT count(*) FROM processed_event WHERE event_id = ?", eventId(body)));
  }

  private static void stubSubscription(
      String workspace, String customer, String subscriptionId, String status) {
    ObjectNode subscription =
        StripeEvents.subscription(workspace, customer, status).put("id", subscriptionId);
    StripeFake.server()
        .stubFor(
            get(urlPathEqualTo("/v1/subscriptions/" + subscriptionId))
                .willReturn(okJson(subscription.toString())));
  }

  private static void deliverInvoice(String type, String subscriptionId) {
    byte[] body = invoiceEvent(type, subscriptionId);
    deliver(body, StripeSignatures.header(body)).statusCode(200);
  }

  private static byte[] invoiceEvent(String type, String subscriptionId) {
    ObjectNode invoice = StripeFake.fixture("invoice");
    invoice.put("id", "in_" + UUID.randomUUID().toString().replace("-", ""));
    ObjectNode parent = invoice.putObject("parent");
    parent.put("type", "subscription_details");
    parent.putObject("subscription_details").put("subscription", subscriptionId);
    return bytes(StripeEvents.event(type, now(), invoice));
  }

  private static String eventId(byte[] body) {
    try {
      return StripeFake.JSON.readTree(body).get("id").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void deliverSubscription(
      String workspace, String customer, String status, long created) {
    byte[] body =
        bytes(
            StripeEvents.event(
                "customer.subscription.updated",
                created,
                StripeEvents.subscription(workspace, customer, status)));
    deliver(body, StripeSignatures.header(body)).statusCode(200);
  }

  private static boolean gatewayAllowed(String workspace) {
    return (Boolean) account(workspace).get("gateway");
  }

  @Test
  void badSignaturesChangeNothing() {
    String workspace = UUID.randomUUID().toString();
    byte[] body =
        bytes(
            StripeEvents.event(
                "checkout.session.completed",
                now(),
                StripeEvents.paidCreditsSession(workspace, 1000)));

    deliver(body, StripeSignatures.header(body, Instant.now(), "whsec_other_secret"))
        .statusCode(400)
        .body("code", equalTo("stripe_signature_invalid"));
    deliver(
            body,
            StripeSignatures.header(
                body, Instant.now().minusSeconds(3600), StripeFake.WEBHOOK_SECRET))
        .statusCode(400)
        .body("code", equalTo("stripe_signature_invalid"));
    given()
        .contentType("application/json")
        .body(body)
        .post(PATH)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", equalTo("stripe_signature_missing"));
    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace("1000", "9000")
            .getBytes(StandardCharsets.UTF_8);
    deliver(tampered, StripeSignatures.header(body))
        .statusCode(400)
        .body("code", equalTo("stripe_signature_invalid"));

    assertEquals(
        0,
        TestDatabase.count(
            "SELECT count(*) FROM billing_account WHERE workspace_id = ?", workspace));
    assertEquals(
        0,
        TestDatabase.count(
            "SELECT count(*) FROM credit_entry WHERE reference LIKE 'checkout:%' AND workspace_id = ?",
            workspace));
  }

  static ValidatableResponse deliver(byte[] body, String signature) {
    return given()
        .contentType("application/json; charset=utf-8")
        .header("Stripe-Signature", signature)
        .body(body)
        .post(PATH)
        .then();
  }

  static byte[] bytes(ObjectNode event) {
    return event.toString().getBytes(StandardCharsets.UTF_8);
  }

  static long now() {
    return Instant.now().getEpochSecond();
  }

  static Map<String, Object> account(String workspace) {
    return TestDatabase.rows("SELECT * FROM billing_account WHERE workspace_id = ?", workspace)
        .get(0);
  }

  static long balance(String workspace) {
    return ((Number) account(workspace).get("balance_micros")).longValue();
  }

  static final Duration WAIT = Duration.ofSeconds(60);
}
