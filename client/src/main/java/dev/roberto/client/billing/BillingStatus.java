package dev.roberto.client.billing;

/**
 * The billing state of the login's workspace, as {@code GET /api/billing/status} returns it.
 *
 * @param creditBalanceMicros the credit balance in micro-units of the billing currency (1 cent is
 *     10,000)
 * @param snapshotVersion the version of the last {@code billing-synced} snapshot
 * @param lastSyncedAt ISO-8601 instant of the last read from Stripe, or null when never
 * @param stale true when Stripe is configured and the mirror is older than the service's limit
 */
public record BillingStatus(
    String workspaceId,
    Subscription subscription,
    long creditBalanceMicros,
    Entitlements entitlements,
    Readiness readiness,
    long snapshotVersion,
    String lastSyncedAt,
    boolean stale) {

  /** The mirrored Stripe subscription; status {@code none} without one. */
  public record Subscription(String status, String plan) {}

  /** What the workspace may do, as billing decides it. */
  public record Entitlements(boolean provision, boolean start, boolean gateway, boolean webhooks) {}

  /** Readiness of the Stripe commands for this workspace. */
  public record Readiness(
      boolean stripeConfigured,
      boolean hasCustomer,
      boolean hasSubscription,
      boolean canOpenPortal) {}
}
