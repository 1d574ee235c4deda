package dev.roberto.billing.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.Stripe;
import java.util.UUID;

/** Stripe webhook events built from Stripe's example objects. */
final class StripeEvents {

  private StripeEvents() {}

  static ObjectNode event(String type, long created, ObjectNode object) {
    ObjectNode event = StripeFake.fixture("event");
    event.put("id", "evt_" + UUID.randomUUID().toString().replace("-", ""));
    event.put("type", type);
    event.put("created", created);
    event.put("api_version", Stripe.API_VERSION);
    ((ObjectNode) event.get("data")).set("object", object);
    return event;
  }

  /** Builds a completed Checkout Session that bought a credit pack of the amount in cents. */
  static ObjectNode paidCreditsSession(String workspaceId, long amountCents) {
    ObjectNode session = StripeFake.fixture("checkout_session");
    session.put("id", "cs_test_" + UUID.randomUUID().toString().replace("-", ""));
    session.put("mode", "payment");
    session.put("status", "complete");
    session.put("payment_status", "paid");
    session.put("amount_total", amountCents);
    session.put("client_reference_id", workspaceId);
    session.putObject("metadata").put("kind", "credits").put("workspaceId", workspaceId);
    return session;
  }

  static ObjectNode subscription(String workspaceId, String customer, String status) {
    ObjectNode subscription = StripeFake.fixture("subscription");
    subscription.put("customer", customer);
    subscription.put("status", status);
    subscription.putObject("metadata").put("workspaceId", workspaceId);
    return subscription;
  }
}
