package dev.roberto.billing.status;

import dev.roberto.events.Entitlements;
import java.time.Instant;

/**
 * Response body of {@code GET /api/billing/status}.
 *
 * @param creditBalanceMicros the ledger's sum, in micro-units
 * @param lastSyncedAt when the mirror was last read from Stripe, or null when never
 * @param stale true when Stripe is configured and the mirror is older than the configured limit
 */
public record BillingStatus(
    String workspaceId,
    Subscription subscription,
    long creditBalanceMicros,
    Entitlements entitlements,
    Readiness readiness,
    long snapshotVersion,
    Instant lastSyncedAt,
    boolean stale) {

  /** The mirrored Stripe subscription; status {@code none} without one. */
  public record Subscription(String status, String plan) {}

  /** Readiness of the Stripe commands for this workspace. */
  public record Readiness(
      boolean stripeConfigured,
      boolean hasCustomer,
      boolean hasSubscription,
      boolean canOpenPortal) {}
}
