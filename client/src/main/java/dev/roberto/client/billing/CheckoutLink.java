package dev.roberto.client.billing;

/** A Stripe-hosted page for the person to open: a Checkout or Billing Portal session. */
public record CheckoutLink(String sessionId, String url) {}
