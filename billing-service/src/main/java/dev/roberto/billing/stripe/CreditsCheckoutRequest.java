package dev.roberto.billing.stripe;

/**
 * Body of {@code POST /api/billing/credits-checkout}.
 *
 * @param amount price of the credit pack in minor units of the currency (cents)
 */
public record CreditsCheckoutRequest(Long amount) {}
